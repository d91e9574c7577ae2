/** Defaults of `--timeout` and `--retries`: a dead registry is reported within about 30 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 5;

/**
 * How long one attempt may wait for a connection, for response headers, or between body
 * bytes: a third of the request's budget, so that a stalled server gets three tries.
 */
export const attemptTimeout = (timeoutMs: number): number => Math.max(1, Math.round(timeoutMs / 3));

/**
 * What one request may still spend on retries: at most `retries` attempts after the first,
 * and no new attempt once `timeoutMs` passed without progress. Progress (a blob's body
 * arriving at a healthy rate) renews the time, never the attempts, so a server that sends
 * a little and then fails, forever, runs out of attempts (issue 13).
 */
export class RetryBudget {
  private failures = 0;
  private since = Date.now();
  private readonly started = this.since;

  constructor(
    readonly retries: number,
    readonly timeoutMs: number,
  ) {}

  /** Attempts that failed so far. */
  get failed(): number {
    return this.failures;
  }

  /** The body is flowing: the time budget starts again from now. */
  progressed(): void {
    this.since = Date.now();
  }

  remainingMs(): number {
    return this.since + this.timeoutMs - Date.now();
  }

  /** Counts a failed attempt; true when another may start after waiting `delayMs`. */
  retryAfter(delayMs: number): boolean {
    this.failures++;
    return this.failures <= this.retries && delayMs < this.remainingMs();
  }

  /** "3 attempts in 30 s", for the message of a request that gave up. */
  describe(): string {
    const attempts = this.failures;
    const seconds = Math.round((Date.now() - this.started) / 1000);
    return `${attempts} attempt${attempts === 1 ? "" : "s"} in ${seconds} s`;
  }
}

/** A timeout or stall of ours: worth another attempt, and its message says what happened. */
export class StallError extends Error {
  readonly retryable = true;
  readonly code = "BALLAST_STALLED";
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** One line for a failed attempt, in words rather than undici's error names. */
export function describeFailure(err: unknown, attemptMs: number): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  if (code === "UND_ERR_CONNECT_TIMEOUT") return `no connection within ${seconds(attemptMs)}`;
  if (code === "UND_ERR_HEADERS_TIMEOUT") return `no answer within ${seconds(attemptMs)}`;
  if (code === "UND_ERR_BODY_TIMEOUT") return `the response stalled for ${seconds(attemptMs)}`;
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "the connection was reset";
  if (code === "ECONNREFUSED") return "connection refused";
  return e?.message ?? String(err);
}

export { seconds as formatSeconds };
