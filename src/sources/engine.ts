import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { Agent, request, type Dispatcher } from "undici";
import type { Image } from "../model/image.js";
import { InputError } from "../model/errors.js";
import { tarBundle } from "./bundle.js";
import { openDockerArchive } from "./docker-archive.js";
import type { OpenOptions } from "./options.js";

export type EngineKind = "docker-daemon" | "podman";

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
  const dispatcher = new Agent({
    connect: {
      ...(endpoint.socketPath ? { socketPath: endpoint.socketPath } : {}),
      ...(endpoint.tls ?? {}),
    },
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
  });
  const target = saveName(name);
  const path = target.split("/").map(encodeURIComponent).join("/");
  const dir = await mkdtemp(join(tmpdir(), "ballast-save-"));
  try {
    await checkExists(endpoint, dispatcher, path, target);
    const file = join(dir, "image.tar");
    await spool(endpoint, dispatcher, `/images/${path}/get`, file, target, options);
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
  } finally {
    await dispatcher.close();
  }
}

async function call(
  endpoint: EngineEndpoint,
  dispatcher: Dispatcher,
  path: string,
): Promise<Dispatcher.ResponseData> {
  try {
    return await request(`${endpoint.baseUrl}${path}`, { dispatcher });
  } catch (err) {
    throw new InputError(
      `cannot reach the ${engineName(endpoint)} at ${endpoint.address}: ${reachProblem(err, endpoint)}`,
    );
  }
}

async function checkExists(
  endpoint: EngineEndpoint,
  dispatcher: Dispatcher,
  path: string,
  target: string,
): Promise<void> {
  const res = await call(endpoint, dispatcher, `/images/${path}/json`);
  const body = await res.body.text();
  if (res.statusCode === 200) return;
  if (res.statusCode === 404)
    throw new InputError(
      `image ${target} not found in the ${engineName(endpoint)} at ${endpoint.address}`,
    );
  throw new InputError(
    `the ${engineName(endpoint)} at ${endpoint.address} answered HTTP ${res.statusCode}: ${apiMessage(body)}`,
  );
}

async function spool(
  endpoint: EngineEndpoint,
  dispatcher: Dispatcher,
  path: string,
  file: string,
  target: string,
  options: OpenOptions,
): Promise<void> {
  const res = await call(endpoint, dispatcher, path);
  if (res.statusCode !== 200) {
    const body = await res.body.text();
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
    await pipeline(res.body, count, createWriteStream(file));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InputError(
      `saving ${target} from the ${engineName(endpoint)}: ${e.code === "ENOSPC" ? `no space left in ${tmpdir()} (set TMPDIR)` : e.message}`,
    );
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
