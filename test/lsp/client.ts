import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type Diagnostic,
  type MessageConnection,
} from "vscode-languageserver/node";

/** tsx's loader by absolute URL: the child runs elsewhere, where the bare name "tsx" may not resolve. */
const TSX_LOADER = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
const ENTRY = fileURLToPath(new URL("./run-server.ts", import.meta.url));

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** A real LSP client on a spawned `ballast lsp --stdio`, as an editor drives it. */
export class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  readonly published: Published[] = [];
  stderr = "";
  readonly registrations: unknown[] = [];
  /** Answer the server's client/registerCapability with an error, as some editors do. */
  refuseRegistrations = false;
  private waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  constructor(cwd: string) {
    this.child = spawn(process.execPath, ["--import", TSX_LOADER, ENTRY, "lsp", "--stdio"], {
      cwd,
      env: { ...process.env, XDG_CONFIG_HOME: cwd },
    });
    this.child.stderr.on("data", (c: Buffer) => (this.stderr += c.toString()));
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (p: Published) => {
      this.published.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onRequest("client/registerCapability", (p: { registrations: unknown[] }) => {
      if (this.refuseRegistrations) throw new Error("registration refused by the test client");
      this.registrations.push(...p.registrations);
      return null;
    });
    this.connection.listen();
  }

  async initialize(
    rootUri: string,
    capabilities: Record<string, unknown> = {},
  ): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri,
      capabilities,
    });
    await this.connection.sendNotification("initialized", {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** The next diagnostics published for `uri` after index `from` of `published`, matching `ok`. */
  async diagnostics(
    uri: string,
    ok: (p: Published) => boolean = () => true,
    from = 0,
    timeoutMs = 15_000,
  ): Promise<Published> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.published.slice(from).find((p) => p.uri === uri && ok(p));
      if (hit) return hit;
      if (Date.now() > deadline)
        throw new Error(
          `no matching diagnostics for ${uri}; got ${JSON.stringify(this.published)}\n${this.stderr}`,
        );
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async open(uri: string, text: string, languageId = "dockerfile", version = 1): Promise<void> {
    await this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId, version, text },
    });
  }

  /** shutdown then exit, as an editor closes the server; resolves with the exit code. */
  async close(): Promise<number | null> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}

/** The rule ids of published diagnostics. */
export const codes = (p: Published) => p.diagnostics.map((d) => String(d.code));
