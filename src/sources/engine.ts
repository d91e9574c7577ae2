import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { Image } from "../model/image.js";
import { InputError } from "../model/errors.js";
import { tarBundle } from "./bundle.js";
import { openDockerArchive } from "./docker-archive.js";
import type { OpenOptions } from "./options.js";

export type EngineKind = "docker-daemon" | "podman";

/** A save of a big image on a slow storage driver may be silent for a while before data flows. */
const IDLE_TIMEOUT_MS = 300_000;

/** Where an engine's API listens: a unix socket or a TCP base URL. */
export interface EngineEndpoint {
  kind: EngineKind;
  /** For messages: `unix:///run/podman/podman.sock`, `tcp://127.0.0.1:2375`. */
  address: string;
  socketPath?: string;
  baseUrl: string;
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
}

/**
 * Finds the engine's socket: for Docker, `$DOCKER_HOST` else /var/run/docker.sock; for
 * Podman, `$CONTAINER_HOST`, `$XDG_RUNTIME_DIR/podman/podman.sock`, /run/podman/podman.sock.
 */
export function engineEndpoint(kind: EngineKind, env: NodeJS.ProcessEnv): EngineEndpoint {
  if (kind === "docker-daemon")
    return fromHost(kind, env.DOCKER_HOST || "unix:///var/run/docker.sock", env);
  if (env.CONTAINER_HOST) return fromHost(kind, env.CONTAINER_HOST, env);
  const candidates = [
    env.XDG_RUNTIME_DIR && join(env.XDG_RUNTIME_DIR, "podman/podman.sock"),
    "/run/podman/podman.sock",
  ];
  const found = candidates.find((p): p is string => Boolean(p) && existsSync(p as string));
  return fromHost(kind, `unix://${found ?? candidates.filter(Boolean)[0]}`, env);
}

function fromHost(kind: EngineKind, host: string, env: NodeJS.ProcessEnv): EngineEndpoint {
  if (host.startsWith("unix://")) {
    return {
      kind,
      address: host,
      socketPath: host.slice("unix://".length),
      baseUrl: "http://localhost",
    };
  }
  if (host.startsWith("tcp://") || host.startsWith("http://") || host.startsWith("https://")) {
    const url = new URL(host.replace(/^tcp:/, "http:"));
    // DOCKER_TLS_VERIFY / DOCKER_CERT_PATH as the Docker CLI reads them.
    const certPath = env.DOCKER_CERT_PATH;
    const tlsOn =
      url.protocol === "https:" || Boolean(env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== "0");
    const read = (f: string) =>
      certPath && existsSync(join(certPath, f)) ? readFileSync(join(certPath, f)) : undefined;
    const tls = tlsOn
      ? { ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem") }
      : undefined;
    return { kind, address: host, baseUrl: `${tlsOn ? "https" : "http"}://${url.host}`, tls };
  }
  throw new InputError(
    `${kind === "podman" ? "CONTAINER_HOST" : "DOCKER_HOST"}="${host}" is not supported (use unix:// or tcp://)`,
  );
}

/**
 * `docker save` names without a tag mean every tag of the repository; a single image is
 * what the user meant, as in `docker-daemon:NAME` of skopeo, so `:latest` is added.
 */
export function saveName(name: string): string {
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(name) || name.includes("@")) return name;
  const last = name.slice(name.lastIndexOf("/") + 1);
  return last.includes(":") ? name : `${name}:latest`;
}

/**
 * Opens `docker-daemon:NAME[:TAG]` or `podman:NAME[:TAG]` through the engine's API: checks the
 * image exists, spools `GET /images/{name}/get` (the `docker save` stream) into a temp file
 * and reads it with the docker-archive source (DESIGN.md habit 1). close() removes the file.
 */
export async function openEngineImage(
  kind: EngineKind,
  name: string,
  options: OpenOptions = {},
): Promise<Image> {
  if (!name) throw new InputError(`${kind}: expects an image name, e.g. ${kind}:alpine:3.20`);
  const endpoint = engineEndpoint(kind, options.env ?? process.env);
  const target = saveName(name);
  const path = target.split("/").map(encodeURIComponent).join("/");
  const dir = await mkdtemp(join(tmpdir(), "ballast-save-"));
  try {
    await checkExists(endpoint, path, target);
    const file = join(dir, "image.tar");
    await spool(endpoint, `/images/${path}/get`, file, target, options);
    const image = await openDockerArchive(await tarBundle(file), `${kind}:${name}`);
    return {
      ...image,
      transport: kind,
      close: async () => {
        await image.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * GET over node:http, not undici: on dockerd's chunked save stream, undici's body under
 * backpressure (writing to a file) was measured here at 86 s for 168 MB, node:http at 2 s.
 */
function call(endpoint: EngineEndpoint, path: string): Promise<IncomingMessage> {
  const url = new URL(endpoint.baseUrl);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(
      {
        ...(endpoint.socketPath
          ? { socketPath: endpoint.socketPath }
          : { hostname: url.hostname, port: url.port }),
        path,
        ...(endpoint.tls ?? {}),
        timeout: IDLE_TIMEOUT_MS,
      },
      resolve,
    );
    req.on("timeout", () =>
      req.destroy(
        Object.assign(new Error(`no data for ${IDLE_TIMEOUT_MS / 1000} s`), { code: "ETIMEDOUT" }),
      ),
    );
    req.on("error", (err) =>
      reject(
        new InputError(
          `cannot reach the ${engineName(endpoint)} at ${endpoint.address}: ${reachProblem(err, endpoint)}`,
        ),
      ),
    );
  });
}

async function text(res: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of res) body += (chunk as Buffer).toString("utf8");
  return body;
}

async function checkExists(endpoint: EngineEndpoint, path: string, target: string): Promise<void> {
  const res = await call(endpoint, `/images/${path}/json`);
  const body = await text(res);
  if (res.statusCode === 200) return;
  if (res.statusCode === 404) {
    throw new InputError(
      `image ${target} not found in the ${engineName(endpoint)} at ${endpoint.address}`,
    );
  }
  throw new InputError(
    `the ${engineName(endpoint)} at ${endpoint.address} answered HTTP ${res.statusCode}: ${apiMessage(body)}`,
  );
}

async function spool(
  endpoint: EngineEndpoint,
  path: string,
  file: string,
  target: string,
  options: OpenOptions,
): Promise<void> {
  const res = await call(endpoint, path);
  if (res.statusCode !== 200) {
    const body = await text(res);
    throw new InputError(
      `saving ${target} from the ${engineName(endpoint)}: HTTP ${res.statusCode}: ${apiMessage(body)}`,
    );
  }
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      options.onProgress?.({ layer: -1, bytes });
      done(null, chunk);
    },
  });
  try {
    await pipeline(res, count, createWriteStream(file));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === "ENOSPC" ? `no space left in ${tmpdir()} (set TMPDIR)` : e.message;
    throw new InputError(`saving ${target} from the ${engineName(endpoint)}: ${why}`);
  }
}

function engineName(endpoint: EngineEndpoint): string {
  return endpoint.kind === "podman" ? "Podman service" : "Docker engine";
}

function reachProblem(err: unknown, endpoint: EngineEndpoint): string {
  const code =
    (err as { code?: string; cause?: { code?: string } }).cause?.code ??
    (err as { code?: string }).code;
  const hint =
    endpoint.kind === "podman"
      ? "start it with `podman system service --time=0`, or set CONTAINER_HOST"
      : "is dockerd running? (or set DOCKER_HOST)";
  if (code === "ENOENT" || code === "ECONNREFUSED") return `nothing listens there; ${hint}`;
  if (code === "EACCES") return "permission denied on the socket";
  return (err as Error).message ?? String(err);
}

/** Engine errors are `{"message": "..."}`. */
function apiMessage(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === "string") return message.slice(0, 300);
  } catch {
    // not JSON: fall through
  }
  return body.slice(0, 200).trim();
}
