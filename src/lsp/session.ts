import type { Connection } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocuments } from "vscode-languageserver/node";
import { clearConfigCache } from "../lint/config.js";
import { diagnosticsOf } from "./convert.js";
import { isDockerfileDocument, lintDocument, type DocumentLint } from "./lint-document.js";

/** Wait after a keystroke before linting, so a burst of typing costs one lint. */
export const DEBOUNCE_MS = 150;

/** The open Dockerfiles: their latest lint by version, and the debounced lints still to run. */
export class LintSession {
  private readonly linted = new Map<string, { version: number; lint: DocumentLint }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  /** The editor tells us about config file changes, so cached config lookups stay valid until then. */
  watchConfigs = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  isOurs(doc: TextDocument): boolean {
    return isDockerfileDocument(doc.uri, doc.languageId);
  }

  /** The lint of a document's current version, computed now if the cached one is stale. */
  async current(doc: TextDocument): Promise<DocumentLint> {
    const cached = this.linted.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.lint;
    const lint = await lintDocument(doc.uri, doc.getText(), { rereadConfig: !this.watchConfigs });
    this.linted.set(doc.uri, { version: doc.version, lint });
    return lint;
  }

  schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.publish(uri).catch((err) => this.logFailure(uri, err));
    }, delay);
    this.timers.set(uri, timer);
  }

  forget(doc: TextDocument): void {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.delete(doc.uri);
    this.linted.delete(doc.uri);
    if (this.isOurs(doc)) void this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
  }

  /** A config file changed somewhere: every open Dockerfile may lint differently now. */
  relintAll(): void {
    clearConfigCache();
    this.linted.clear();
    for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  logFailure(where: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.connection.console.error(`ballast: ${where}: ${message}`);
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || !this.isOurs(doc) || this.stopped) return;
    const version = doc.version;
    const lint = await this.current(doc);
    // A newer keystroke arrived while linting: its own lint will publish.
    if (this.documents.get(uri)?.version !== version) return;
    await this.connection.sendDiagnostics({ uri, version, diagnostics: diagnosticsOf(lint) });
  }
}
