import { spawn } from "node:child_process";

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; output is collected (the tail of it kept for error messages). */
export function execFile(
  program: string,
  args: readonly string[],
  opts: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    onOutput?: (chunk: string) => void;
    /** Kills the program (SIGTERM) when aborted; the promise then rejects. */
    signal?: AbortSignal;
  } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    // With a signal, the program leads its own process group, so that an abort also reaches what it
    // started (buildah's chroot RUN processes outlive a killed buildah otherwise).
    const child = spawn(program, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      detached: opts.signal !== undefined,
    });
    let aborted = false;
    const abort = () => {
      aborted = true;
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    };
    if (opts.signal?.aborted) abort();
    opts.signal?.addEventListener("abort", abort, { once: true });
    child.on("close", () => opts.signal?.removeEventListener("abort", abort));
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
      opts.onOutput?.(c);
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      stderr = (stderr + c).slice(-64 * 1024);
      opts.onOutput?.(c);
    });
    child.on("error", reject);
    // Settle only once the program is gone, so that cleanup never races a builder still committing.
    child.on("close", (code, signal) => {
      if (aborted) reject(new Error(`${program} ${args[0] ?? ""} interrupted`));
      else resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** True when `program` can be started (it is on PATH). */
export async function available(program: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    const r = await execFile(program, ["--version"], { env });
    return r.code === 0;
  } catch {
    return false;
  }
}

/** The last lines of a builder's output, for an error message. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
