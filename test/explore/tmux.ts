import { execFile as execFileCb } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const execFile = promisify(execFileCb);
const ENTRY = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A real tmux server (its own socket) running `ballast ARGS` in a pane of a given size:
 * keys go in with send-keys, the screen comes out with capture-pane.
 */
export class TmuxSession {
  private constructor(
    private readonly socket: string,
    readonly dir: string,
  ) {}

  static async start(
    args: string[],
    o: { width: number; height: number; env?: Record<string, string>; script?: string },
  ): Promise<TmuxSession> {
    const dir = await mkdtemp(path.join(tmpdir(), "ballast-tmux-"));
    const script = path.join(dir, "ballast.mts");
    await writeFile(
      script,
      o.script ??
        `import { main } from ${JSON.stringify(ENTRY)};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
    );
    const env = Object.entries(o.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`);
    // The shell records the pid that node will have (exec), and the exit status afterwards.
    const command = `cd ${shellQuote(ROOT)} && echo $$ > ${dir}/pid && env ${env.join(" ")} ${shellQuote(process.execPath)} --import tsx ${shellQuote(script)} ${args.map(shellQuote).join(" ")}; echo "EXIT=$?"; sleep 600`;
    const session = new TmuxSession(`ballast-test-${process.pid}-${path.basename(dir)}`, dir);
    await session.tmux(
      "new-session",
      "-d",
      "-s",
      "t",
      "-x",
      String(o.width),
      "-y",
      String(o.height),
      "sh",
      "-c",
      command,
    );
    return session;
  }

  tmux(...args: string[]) {
    return execFile("tmux", ["-L", this.socket, "-f", "/dev/null", ...args]);
  }

  /** Runs a program and returns its stdout. */
  async run(file: string, ...args: string[]): Promise<string> {
    return (await execFile(file, args)).stdout;
  }

  /** The screen as text; with `escapes`, with its SGR attributes. */
  async screen(escapes = false): Promise<string> {
    return (await this.tmux("capture-pane", "-p", ...(escapes ? ["-e"] : []), "-t", "t")).stdout;
  }

  async keys(...keys: string[]): Promise<void> {
    await this.tmux("send-keys", "-t", "t", ...keys);
  }

  /** Types raw bytes (escape sequences such as mouse reports). */
  async literal(text: string): Promise<void> {
    await this.tmux("send-keys", "-t", "t", "-l", text);
  }

  /** Waits until the screen satisfies `test`, and returns it. */
  async waitFor(test: (screen: string) => boolean, timeoutMs = 60_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < end) {
      last = await this.screen();
      if (test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`screen never matched; last screen:\n${last}`);
  }

  async stop(): Promise<void> {
    await this.tmux("kill-server").catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
