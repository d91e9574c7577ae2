import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { selfSigned } from "./self-signed.js";
import { startTokenServer, type TokenServer } from "./token-server.js";

/** A real Distribution registry (`docker-registry serve`) on 127.0.0.1 with a free port. */
export interface RegistryServer {
  /** `127.0.0.1:PORT`, for `docker://HOST/…` references. */
  host: string;
  /** Present with auth "token": the test's own token endpoint, with its request log. */
  tokens?: TokenServer;
  stop(): Promise<void>;
}

export interface RegistryServerOptions {
  /** "none": open; "htpasswd": basic auth; "token": bearer tokens from the test's endpoint. */
  auth?: "none" | "htpasswd" | "token";
  /** Storage root; default a fresh temp dir (removed on stop). */
  rootDir?: string;
  /** Serve existing content without ever writing to it (the shared fixtures registry). */
  readOnly?: boolean;
  /** user → password, for htpasswd and token auth. */
  users?: Record<string, string>;
  /** Token auth: users allowed only to pull (the others may push too). */
  pullOnly?: string[];
  /** Token auth: lifetime of issued tokens. */
  tokenSeconds?: number;
  /** Serve HTTPS with a self-signed certificate for 127.0.0.1 (no CA trusts it). */
  tls?: boolean;
  /** Token auth: OAuth2 refresh token → user, for identity-token logins. */
  refreshTokens?: Record<string, string>;
}

/** Starts the registry and resolves once it listens; the port comes from its own log. */
export async function startRegistry(options: RegistryServerOptions = {}): Promise<RegistryServer> {
  const work = mkdtempSync(join(tmpdir(), "ballast-registry-"));
  const root = options.rootDir ?? join(work, "data");
  let tokens: TokenServer | undefined;
  let auth = "";
  if (options.auth === "htpasswd") {
    const lines = Object.entries(options.users ?? {}).map(([u, p]) =>
      execFileSync("htpasswd", ["-Bbn", u, p], { encoding: "utf8" }).trim(),
    );
    writeFileSync(join(work, "htpasswd"), `${lines.join("\n")}\n`);
    auth = `auth: { htpasswd: { realm: ballast-test, path: ${join(work, "htpasswd")} } }`;
  } else if (options.auth === "token") {
    tokens = await startTokenServer(work, {
      users: options.users ?? {},
      pullOnly: options.pullOnly ?? [],
      seconds: options.tokenSeconds ?? 300,
      refreshTokens: options.refreshTokens,
    });
    auth = `auth: { token: { realm: "${tokens.realm}", service: ${tokens.service}, issuer: ${tokens.issuer}, rootcertbundle: ${tokens.certPath} } }`;
  }
  const config = [
    "version: 0.1",
    "log: { level: info, accesslog: { disabled: true } }",
    `storage: { filesystem: { rootdirectory: ${root} }, delete: { enabled: true }, ` +
      `maintenance: { uploadpurging: { enabled: false }, readonly: { enabled: ${options.readOnly ? "true" : "false"} } } }`,
    `http: { addr: 127.0.0.1:0, secret: ballast-test${options.tls ? `, tls: ${selfSignedCert(work)}` : ""} }`,
    auth,
  ].join("\n");
  writeFileSync(join(work, "config.yml"), config);
  // The log goes to a file, not a pipe: a parent blocked in spawnSync (the benches) stops
  // draining a pipe, and once its 64 KiB filled the registry stalled mid-response.
  const logPath = join(work, "registry.log");
  const logFd = openSync(logPath, "w");
  const child = spawn("docker-registry", ["serve", join(work, "config.yml")], {
    stdio: ["ignore", "ignore", logFd],
  });
  closeSync(logFd);
  const host = await listeningAddress(child, logPath);
  return {
    host,
    tokens,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) =>
        child.exitCode !== null ? resolve(null) : child.once("exit", resolve),
      );
      await tokens?.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

function selfSignedCert(dir: string): string {
  const [key, cert] = [join(dir, "tls.key"), join(dir, "tls.crt")];
  selfSigned(key, cert, "/CN=127.0.0.1", ["-addext", "subjectAltName=IP:127.0.0.1"]);
  return `{ certificate: ${cert}, key: ${key} }`;
}

function listeningAddress(child: ChildProcess, logPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const log = readFileSync(logPath, "utf8");
      const m = /listening on (127\.0\.0\.1:\d+)/.exec(log);
      if (m) done(() => resolve(m[1]!));
      else if (child.exitCode !== null || child.signalCode !== null)
        done(() => reject(new Error(`registry exited with ${child.exitCode}:\n${log}`)));
      else if (Date.now() - started > 15_000)
        done(() => reject(new Error(`registry did not start:\n${log}`)));
    }, 10);
    const done = (settle: () => void) => {
      clearInterval(poll);
      settle();
    };
  });
}

/**
 * `skopeo copy` into the registry: an independent client pushes what ballast then reads.
 * Asynchronous, because the token endpoint skopeo calls lives in this process.
 */
export async function skopeoCopy(
  source: string,
  dest: string,
  extra: string[] = [],
): Promise<void> {
  await promisify(execFile)("skopeo", [
    "copy",
    "-q",
    "--dest-tls-verify=false",
    ...extra,
    source,
    dest,
  ]);
}

/** `skopeo inspect --raw`: the manifest bytes as the registry serves them (open registries only: it blocks). */
export function skopeoRawManifest(ref: string, extra: string[] = []): string {
  return execFileSync("skopeo", ["inspect", "--raw", "--tls-verify=false", ...extra, ref], {
    encoding: "utf8",
  });
}
