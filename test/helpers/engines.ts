import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A real engine started for a test, with its own storage and socket. */
export interface EngineServer {
  /** `unix://…` socket. */
  host: string;
  socketPath: string;
  /** `tcp://127.0.0.1:PORT` when started with TCP too (dockerd only). */
  tcpHost?: string;
  /** Runs the engine's own CLI against this instance (`docker load`, `podman load`). */
  cli(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  log: () => string,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start:\n${log()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const timeout = new Promise((resolve) => setTimeout(resolve, 20_000, "timeout"));
  if ((await Promise.race([exited, timeout])) === "timeout") child.kill("SIGKILL");
}

/**
 * dockerd 20.10 as tools/README.md runs it here: no iptables, no bridge, vfs storage, its own
 * data and exec roots, a unix socket and (optionally) plain TCP on 127.0.0.1.
 */
export async function startDockerd(options: { tcp?: boolean } = {}): Promise<EngineServer> {
  const dir = mkdtempSync(join(tmpdir(), "ballast-dockerd-"));
  const socketPath = join(dir, "docker.sock");
  const tcpHost = options.tcp ? `tcp://127.0.0.1:${await freePort()}` : undefined;
  let log = "";
  const child = spawn(
    "dockerd",
    [
      "--iptables=false",
      "--ip6tables=false",
      "--bridge=none",
      "--storage-driver=vfs",
      "--data-root",
      join(dir, "data"),
      "--exec-root",
      join(dir, "exec"),
      "--pidfile",
      join(dir, "dockerd.pid"),
      "-H",
      `unix://${socketPath}`,
      ...(tcpHost ? ["-H", tcpHost] : []),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  const docker = existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";
  const cli = async (args: string[]) =>
    (
      await run(docker, args, {
        env: { ...process.env, DOCKER_HOST: `unix://${socketPath}` },
        maxBuffer: 64 << 20,
      })
    ).stdout;
  await waitFor(
    async () => (await cli(["version", "--format", "{{.Server.Version}}"])).trim() !== "",
    "dockerd",
    () => log,
  );
  return {
    host: `unix://${socketPath}`,
    socketPath,
    tcpHost,
    cli,
    async stop() {
      await stopChild(child);
      // dockerd leaves this nsfs mount behind (make-fixtures.sh does the same).
      try {
        execFileSync("umount", [join(dir, "exec/netns/default")], { stdio: "ignore" });
      } catch {
        // not mounted
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `podman system service --time=0` on its own socket, with its own vfs storage, placed where
 * the podman source looks by default: `$XDG_RUNTIME_DIR/podman/podman.sock`.
 */
export async function startPodmanService(): Promise<EngineServer & { runtimeDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "ballast-podman-"));
  const runtimeDir = join(dir, "run");
  mkdirSync(join(runtimeDir, "podman"), { recursive: true });
  const socketPath = join(runtimeDir, "podman/podman.sock");
  const storage = [
    "--root",
    join(dir, "root"),
    "--runroot",
    join(dir, "runroot"),
    "--storage-driver",
    "vfs",
  ];
  let log = "";
  const child = spawn(
    "podman",
    [...storage, "system", "service", "--time=0", `unix://${socketPath}`],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, XDG_RUNTIME_DIR: runtimeDir },
    },
  );
  child.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  const cli = async (args: string[]) =>
    (
      await run("podman", [...storage, ...args], {
        env: { ...process.env, XDG_RUNTIME_DIR: runtimeDir },
        maxBuffer: 64 << 20,
      })
    ).stdout;
  await waitFor(
    async () => existsSync(socketPath),
    "podman system service",
    () => log,
  );
  return {
    host: `unix://${socketPath}`,
    socketPath,
    runtimeDir,
    cli,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
