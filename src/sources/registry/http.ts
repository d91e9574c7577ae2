import { createRequire } from "node:module";
import type { Agent as UndiciAgent, Dispatcher } from "undici";
import { InputError } from "../../model/errors.js";
import { VERSION } from "../../model/version.js";
import {
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  RetryBudget,
  StallError,
  attemptTimeout,
  describeFailure,
  formatSeconds,
} from "./budget.js";
import { watchRate, type RateWatch } from "./watchdog.js";

export type Response = Dispatcher.ResponseData;

// undici's entry point also loads fetch, WebSocket, EventSource, caches and mocks: 62–66 ms
// here, on the path of every registry analysis, against 23–27 ms for the agent and the
// request API that this client uses. undici is pinned (7.30.2); these are its lib/ paths,
// and index.js itself calls lib/api's request with the dispatcher as `this`, as below.
const undici = createRequire(import.meta.url);
const Agent = undici("undici/lib/dispatcher/agent") as typeof UndiciAgent;
const { request } = undici("undici/lib/api") as {
  request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Response>;
};

/** Knobs for the HTTP layer; tests shorten the delays and timeouts. */
export interface HttpOptions {
  /** false: accept any TLS certificate (skopeo's --tls-verify=false). */
  tlsVerify?: boolean;
  /** Attempts after the first for resets, timeouts, 429 and 5xx (`--retries`). */
  retries?: number;
  /** First backoff delay; doubles per attempt, with jitter. */
  retryBaseMs?: number;
  /**
   * How long a request may go without progress, its retries included (`--timeout`); each
   * attempt has a third of it to connect, to answer and between body bytes.
   */
  timeoutMs?: number;
}

export interface SendRequest {
  method: "GET" | "HEAD" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Authorization for the registry's own origin; dropped when a redirect leaves it. */
  authorization?: string;
}

export interface SendOptions {
  /** Shared with the caller's own retries (a blob's resumes); a fresh one per request otherwise. */
  budget?: RetryBudget;
  /** Read a 2xx body into `bytes`, at most `limit` of them, retrying if it stalls. */
  read?: { limit: number; what: string };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRY_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "BALLAST_STALLED",
]);
const USER_AGENT = `ballast/${VERSION}`;

/** True for failures worth another attempt: connection resets, timeouts, premature ends. */
export function isRetryable(err: unknown): boolean {
  const e = err as { code?: string; retryable?: boolean; cause?: unknown };
  if (e?.retryable) return true;
  if (e?.code && RETRY_CODES.has(e.code)) return true;
  return e?.cause !== undefined && e.cause !== err && isRetryable(e.cause);
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The registry's HTTP client: follows redirects itself so Authorization never leaves the
 * registry's origin (blob storage such as S3 rejects it), and retries transient failures
 * with exponential backoff, honouring 429 Retry-After, within a RetryBudget: nothing waits
 * on a silent or dripping server for longer than the timeout.
 */
export class RegistryHttp {
  readonly dispatcher: UndiciAgent;
  readonly options: Required<HttpOptions>;
  /** Connect, headers and idle-body timeout of one attempt. */
  readonly attemptMs: number;

  constructor(options: HttpOptions = {}) {
    this.options = {
      tlsVerify: options.tlsVerify ?? true,
      retries: options.retries ?? DEFAULT_RETRIES,
      retryBaseMs: options.retryBaseMs ?? 250,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
    this.attemptMs = attemptTimeout(this.options.timeoutMs);
    this.dispatcher = new Agent({
      connect: { rejectUnauthorized: this.options.tlsVerify, timeout: this.attemptMs },
      headersTimeout: this.attemptMs,
      bodyTimeout: this.attemptMs,
      keepAliveTimeout: 10_000,
    });
  }

  budget(): RetryBudget {
    return new RetryBudget(this.options.retries, this.options.timeoutMs);
  }

  /** A rate watch on a body, in this client's attempt window. */
  watch(fail: (err: StallError) => void, healthy?: () => void): RateWatch {
    return watchRate(this.attemptMs, fail, healthy);
  }

  /**
   * Sends with retries; returns the final response (any status) with its body unread, or
   * with `bytes` read when `read` is given and the status is 2xx. A request that runs out of
   * budget throws one line saying what went wrong and how often it was tried.
   */
  async send(req: SendRequest, options: SendOptions = {}): Promise<Response & { bytes?: Buffer }> {
    const budget = options.budget ?? this.budget();
    for (;;) {
      let res: Response;
      try {
        res = await this.attempt(req, budget);
        if (!RETRY_STATUS.has(res.statusCode)) {
          if (!options.read || res.statusCode >= 300) return res;
          const bytes = await this.readBody(res, options.read.limit, options.read.what);
          return Object.assign(res, { bytes });
        }
      } catch (err) {
        const delay = this.backoff(budget);
        if (!isRetryable(err) || !budget.retryAfter(delay)) throw this.gaveUp(err, budget);
        await sleep(delay);
        continue;
      }
      const delay = res.statusCode === 429 ? this.retryAfter(res, budget) : this.backoff(budget);
      if (!budget.retryAfter(delay)) {
        if (res.statusCode !== 429 || delay < budget.remainingMs()) return res;
        await res.body.dump();
        throw new InputError(
          `rate limited by ${new URL(req.url).host}: it asks to retry after ${Math.ceil(delay / 1000)} s, ` +
            `beyond the ${formatSeconds(this.options.timeoutMs)} timeout (--timeout)`,
        );
      }
      await res.body.dump();
      await sleep(delay);
    }
  }

  /** One try: connection, redirects and headers within the attempt window (or what is left). */
  private async attempt(req: SendRequest, budget: RetryBudget): Promise<Response> {
    const ms = Math.max(1, Math.min(this.attemptMs, budget.remainingMs()));
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new StallError(`no answer within ${formatSeconds(this.attemptMs)}`)),
      ms,
    );
    try {
      return await this.follow(req, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A 2xx body read whole, at most `limit` bytes, failing (retryably) if it drips. */
  private async readBody(res: Response, limit: number, what: string): Promise<Buffer> {
    const watch = this.watch((err) => res.body.destroy(err));
    try {
      return await readLimited(res, limit, what, watch);
    } finally {
      watch.stop();
    }
  }

  private gaveUp(err: unknown, budget: RetryBudget): Error {
    if (!isRetryable(err)) return err as Error;
    return new Error(`${describeFailure(err, this.attemptMs)} (${budget.describe()})`, {
      cause: err,
    });
  }

  private async follow(req: SendRequest, signal: AbortSignal): Promise<Response> {
    const origin = new URL(req.url).origin;
    let url = req.url;
    let method = req.method;
    for (let hop = 0; hop <= 10; hop++) {
      const headers: Record<string, string> = { "user-agent": USER_AGENT, ...req.headers };
      const target = new URL(url);
      if (req.authorization && target.origin === origin) headers.authorization = req.authorization;
      const res = await request.call(this.dispatcher, {
        origin: target.origin,
        path: target.pathname + target.search,
        method,
        headers,
        body: method === "POST" ? req.body : undefined,
        signal,
      });
      const location = res.headers.location;
      if (!REDIRECTS.has(res.statusCode) || typeof location !== "string") return res;
      await res.body.dump();
      url = new URL(location, url).toString();
      if (res.statusCode === 303) method = "GET";
    }
    throw new Error(`too many redirects from ${req.url}`);
  }

  /** The wait before the next attempt: doubling from retryBaseMs, with jitter. */
  backoff(budget: RetryBudget): number {
    const base = this.options.retryBaseMs * 2 ** budget.failed;
    return Math.min(base + Math.random() * base * 0.25, 30_000);
  }

  /** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); absent means our backoff. */
  private retryAfter(res: Response, budget: RetryBudget): number {
    const value = res.headers["retry-after"];
    if (typeof value !== "string") return this.backoff(budget);
    if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? this.backoff(budget) : Math.max(0, date - Date.now());
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/**
 * Reads a whole body of at most `limit` bytes; refuses at once a Content-Length over it, and
 * stops reading the moment a body without one runs past it.
 */
export async function readLimited(
  res: Response,
  limit: number,
  what: string,
  watch?: RateWatch,
): Promise<Buffer> {
  const declared = Number(res.headers["content-length"]);
  if (declared > limit) {
    res.body.destroy();
    throw new InputError(`${what} is ${declared} bytes, over the limit of ${limit}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    total += (chunk as Buffer).length;
    watch?.count((chunk as Buffer).length);
    if (total > limit) {
      res.body.destroy();
      throw new InputError(`${what} is larger than expected (over ${limit} bytes)`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
