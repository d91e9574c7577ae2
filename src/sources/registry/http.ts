import { createRequire } from "node:module";
import type { Agent as UndiciAgent, Dispatcher } from "undici";
import { VERSION } from "../../model/version.js";

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
  /** Attempts after the first for resets, 429 and 5xx. */
  retries?: number;
  /** First backoff delay; doubles per attempt, with jitter. */
  retryBaseMs?: number;
  /** Longest Retry-After we are willing to sleep; longer ones fail with a clear message. */
  maxRetryAfterMs?: number;
  /** Headers and between-chunk body timeout, so a stalled server fails instead of hanging. */
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
 * with exponential backoff, honouring 429 Retry-After.
 */
export class RegistryHttp {
  readonly dispatcher: UndiciAgent;
  readonly options: Required<HttpOptions>;

  constructor(options: HttpOptions = {}) {
    this.options = {
      tlsVerify: options.tlsVerify ?? true,
      retries: options.retries ?? 5,
      retryBaseMs: options.retryBaseMs ?? 250,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      timeoutMs: options.timeoutMs ?? 60_000,
    };
    this.dispatcher = new Agent({
      connect: { rejectUnauthorized: this.options.tlsVerify },
      headersTimeout: this.options.timeoutMs,
      bodyTimeout: this.options.timeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  /** Sends with retries; returns the final response (any status) with its body unread. */
  async send(req: SendRequest): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.follow(req);
      } catch (err) {
        if (!isRetryable(err) || attempt >= this.options.retries) throw err;
        await sleep(this.backoff(attempt));
        continue;
      }
      if (!RETRY_STATUS.has(res.statusCode) || attempt >= this.options.retries) return res;
      const delay = res.statusCode === 429 ? this.retryAfter(res, attempt) : this.backoff(attempt);
      await res.body.dump();
      if (delay > this.options.maxRetryAfterMs) {
        throw new Error(
          `rate limited by ${new URL(req.url).host}: it asks to retry after ${Math.ceil(delay / 1000)} s`,
        );
      }
      await sleep(delay);
    }
  }

  private async follow(req: SendRequest): Promise<Response> {
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
      });
      const location = res.headers.location;
      if (!REDIRECTS.has(res.statusCode) || typeof location !== "string") return res;
      await res.body.dump();
      url = new URL(location, url).toString();
      if (res.statusCode === 303) method = "GET";
    }
    throw new Error(`too many redirects from ${req.url}`);
  }

  private backoff(attempt: number): number {
    const base = this.options.retryBaseMs * 2 ** attempt;
    return Math.min(base + Math.random() * base * 0.25, 30_000);
  }

  /** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); absent means our backoff. */
  private retryAfter(res: Response, attempt: number): number {
    const value = res.headers["retry-after"];
    if (typeof value !== "string") return this.backoff(attempt);
    if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? this.backoff(attempt) : Math.max(0, date - Date.now());
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
