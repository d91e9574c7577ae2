import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Faults a real registry will not produce on demand. Each applies to the next `times`
 * requests whose method and path match.
 */
export type Fault = { match: RegExp; method?: string; times?: number } &
  /** Answer with `status` and a distribution-spec error body (or `body`). */
  (
    | {
        kind: "status";
        status: number;
        retryAfter?: string;
        body?: string;
        contentType?: string;
        headers?: Record<string, string>;
      }
    /** Send headers and `afterBytes` of the body, then destroy the socket. */
    | { kind: "reset"; afterBytes: number }
    /** Flip one byte of the body at `at`. */
    | { kind: "corrupt"; at: number }
    /** Send headers and `afterBytes` of the body (default none), then nothing, socket open. */
    | { kind: "stall"; afterBytes?: number }
    /** Send `afterBytes` of the body, wait `ms`, then send the rest. */
    | { kind: "pause"; afterBytes: number; ms: number }
    /** Accept the request and never answer, not even headers. */
    | { kind: "hang" }
    /** Send the body one byte every `everyMs`. */
    | { kind: "drip"; everyMs: number }
    /** Send the body without Content-Length, then zeros for ever (as fast as it is read). */
    | { kind: "endless" }
    /** Answer a Range request with a Content-Range that starts at `start` (the body unchanged). */
    | { kind: "wrong-range"; start: number }
    /** Replace a response header (e.g. point WWW-Authenticate's realm elsewhere). */
    | { kind: "header"; name: string; value: string }
  );

export interface LoggedRequest {
  method: string;
  path: string;
  range?: string;
  authorization: boolean;
  /** "proxy" for the registry's origin, "storage" for the redirect target. */
  origin: "proxy" | "storage";
  /** What the proxy did: "forward", or the fault kind. */
  action: string;
}

export interface FaultProxy {
  /** `127.0.0.1:PORT`, used in place of the registry's host. */
  host: string;
  log: LoggedRequest[];
  faults: Fault[];
  stop(): Promise<void>;
}

export interface FaultProxyOptions {
  /**
   * Answer blob GETs with 307 to a second origin ("storage", like S3 presigned URLs) that
   * refuses any Authorization header and fetches from the registry with `storageAuth`.
   */
  redirectBlobs?: boolean;
  storageAuth?: string;
}

/** A small HTTP proxy in front of a real registry, injecting the faults in `faults`. */
export async function startFaultProxy(
  upstream: string,
  options: FaultProxyOptions = {},
): Promise<FaultProxy> {
  const log: LoggedRequest[] = [];
  const faults: Fault[] = [];
  const storage = options.redirectBlobs
    ? await listen((req, res) => serveStorage(req, res))
    : undefined;
  const proxy = await listen((req, res) => {
    const path = req.url ?? "/";
    const entry = record(req, "proxy");
    if (storage && req.method === "GET" && /\/blobs\/sha256:/.test(path)) {
      entry.action = "redirect";
      res
        .writeHead(307, {
          location: `http://${address(storage)}${path}${path.includes("?") ? "&" : "?"}X-Signature=test`,
        })
        .end();
      return;
    }
    const fault = takeFault(req.method ?? "GET", path);
    entry.action = fault?.kind ?? "forward";
    if (fault?.kind === "status") {
      const headers: Record<string, string> = {
        "content-type": fault.contentType ?? "application/json",
        ...fault.headers,
      };
      if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
      res.writeHead(fault.status, headers).end(
        fault.body ??
          JSON.stringify({
            errors: [
              {
                code: fault.status === 429 ? "TOOMANYREQUESTS" : "UNAVAILABLE",
                message: "injected",
              },
            ],
          }),
      );
      return;
    }
    if (fault?.kind === "hang") return;
    forward(req, res, req.headers.authorization, fault);
  });

  function serveStorage(req: IncomingMessage, res: ServerResponse): void {
    const entry = record(req, "storage");
    if (req.headers.authorization) {
      // What S3 says to a presigned URL that also carries the registry's Authorization.
      entry.action = "rejected-authorization";
      res
        .writeHead(400, { "content-type": "application/xml" })
        .end("<Error><Code>InvalidArgument</Code></Error>");
      return;
    }
    entry.action = "forward";
    req.url = (req.url ?? "/").replace(/[?&]X-Signature=test$/, "");
    forward(req, res, options.storageAuth, takeFault(req.method ?? "GET", req.url));
  }

  function record(req: IncomingMessage, origin: LoggedRequest["origin"]): LoggedRequest {
    const entry: LoggedRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      range: req.headers.range,
      authorization: Boolean(req.headers.authorization),
      origin,
      action: "forward",
    };
    log.push(entry);
    return entry;
  }

  function takeFault(method: string, path: string): Fault | undefined {
    const i = faults.findIndex(
      (f) => f.match.test(path) && (!f.method || f.method === method) && (f.times ?? 1) > 0,
    );
    if (i < 0) return undefined;
    const fault = faults[i]!;
    fault.times = (fault.times ?? 1) - 1;
    return fault;
  }

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    authorization: string | undefined,
    fault: Fault | undefined,
  ): void {
    const headers = { ...req.headers, host: upstream };
    delete headers.authorization;
    if (authorization) headers.authorization = authorization;
    const [hostname, port] = upstream.split(":");
    const up = httpRequest(
      { hostname, port: Number(port), method: req.method, path: req.url, headers },
      (upRes) => {
        const outHeaders = { ...upRes.headers };
        if (fault?.kind === "header") outHeaders[fault.name] = fault.value;
        if (fault?.kind === "wrong-range" && outHeaders["content-range"])
          outHeaders["content-range"] = outHeaders["content-range"].replace(
            /^bytes \d+/,
            `bytes ${fault.start}`,
          );
        if (fault?.kind === "endless" || fault?.kind === "drip")
          delete outHeaders["content-length"];
        res.writeHead(upRes.statusCode ?? 502, outHeaders);
        if (fault?.kind === "stall" && !fault.afterBytes) return void res.flushHeaders();
        if (fault?.kind === "drip") return drip(upRes, res, fault.everyMs);
        if (fault?.kind === "endless") return endless(upRes, res);
        if (fault?.kind === "pause") return pause(upRes, res, fault.afterBytes, fault.ms);
        let sent = 0;
        upRes.on("data", (chunk: Buffer) => {
          if (fault?.kind === "stall" && sent + chunk.length >= fault.afterBytes!) {
            upRes.destroy();
            res.write(chunk.subarray(0, fault.afterBytes! - sent));
            sent = fault.afterBytes!;
            return;
          }
          if (fault?.kind === "reset" && sent + chunk.length > fault.afterBytes) {
            upRes.destroy();
            // Cut only once the bytes before the cut reached the socket, so the client
            // really holds `afterBytes` bytes and must resume from there.
            res.write(chunk.subarray(0, fault.afterBytes - sent), () => res.socket?.destroy());
            return;
          }
          if (fault?.kind === "corrupt" && fault.at >= sent && fault.at < sent + chunk.length) {
            chunk = Buffer.from(chunk);
            chunk[fault.at - sent] ^= 0xff;
          }
          sent += chunk.length;
          res.write(chunk);
        });
        upRes.on("end", () => res.end());
      },
    );
    up.on("error", () => res.socket?.destroy());
    req.pipe(up);
  }

  return {
    host: address(proxy),
    log,
    faults,
    async stop() {
      await Promise.all([proxy, storage].filter((s): s is Server => Boolean(s)).map(close));
    },
  };
}

/** Forwards the body one byte every `everyMs`, until the client goes away. */
function drip(upRes: IncomingMessage, res: ServerResponse, everyMs: number): void {
  res.flushHeaders();
  const chunks: Buffer[] = [];
  upRes.on("data", (c: Buffer) => chunks.push(c));
  upRes.on("end", () => {
    const body = Buffer.concat(chunks);
    let at = 0;
    const timer = setInterval(() => {
      if (at >= body.length || res.destroyed) {
        clearInterval(timer);
        return void res.end();
      }
      res.write(body.subarray(at, ++at));
    }, everyMs);
    res.on("close", () => clearInterval(timer));
  });
}

/** The body up to `afterBytes`, then after `ms` the rest. */
function pause(upRes: IncomingMessage, res: ServerResponse, afterBytes: number, ms: number): void {
  const chunks: Buffer[] = [];
  upRes.on("data", (c: Buffer) => chunks.push(c));
  upRes.on("end", () => {
    const body = Buffer.concat(chunks);
    res.write(body.subarray(0, afterBytes));
    setTimeout(() => res.end(body.subarray(afterBytes)), ms);
  });
}

/** The real body, then zeros for as long as the client reads them. */
function endless(upRes: IncomingMessage, res: ServerResponse): void {
  upRes.pipe(res, { end: false });
  const zeros = Buffer.alloc(64 << 10);
  upRes.on("end", () => {
    const more = () => {
      while (!res.destroyed && res.write(zeros));
    };
    res.on("drain", more);
    more();
  });
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

const address = (server: Server) => `127.0.0.1:${(server.address() as AddressInfo).port}`;

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
