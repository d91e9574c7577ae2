import type { Readable, Writable } from "node:stream";
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { VERSION } from "../model/version.js";
import { codeActions } from "./actions.js";
import { clearConfigCache } from "../lint/config.js";
import { toDiagnostic } from "./convert.js";
import { isDockerfileDocument, lintDocument, type DocumentLint } from "./lint-document.js";

/** Wait after a keystroke before linting, so a burst of typing costs one lint. */
export const DEBOUNCE_MS = 150;

/** The config files lint reads (src/lint/config.ts); lint re-reads them anyway, a change re-lints open files. */
const CONFIG_GLOBS = [
  "**/.ballast.{yaml,yml}",
  "**/.hadolint.{yaml,yml}",
  "**/hadolint.{yaml,yml}",
];

interface Cached {
  version: number;
  lint: DocumentLint;
}

/** Starts the server on the given streams; resolves when the client has sent `exit`. */
export function startServer(input: Readable, output: Writable): Promise<number> {
  const connection = createConnection(input, output);
  const documents = new TextDocuments(TextDocument);
  const linted = new Map<string, Cached>();
  const timers = new Map<string, NodeJS.Timeout>();
  let shuttingDown = false;
  /** The editor tells us about config file changes, so cached config lookups stay valid until then. */
  let watchConfigs = false;

  const isOurs = (doc: TextDocument) => isDockerfileDocument(doc.uri, doc.languageId);

  /** The lint of a document's current version, computed now if the cached one is stale. */
  async function current(doc: TextDocument): Promise<DocumentLint> {
    const cached = linted.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.lint;
    const lint = await lintDocument(doc.uri, doc.getText(), { rereadConfig: !watchConfigs });
    linted.set(doc.uri, { version: doc.version, lint });
    return lint;
  }

  async function publish(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc || !isOurs(doc) || shuttingDown) return;
    const version = doc.version;
    const lint = await current(doc);
    // A newer keystroke arrived while linting: its own lint will publish.
    if (documents.get(uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri, version, diagnostics: diagnosticsOf(lint) });
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        publish(uri).catch((err) => logFailure(connection, uri, err));
      }, delay),
    );
  }

  connection.onInitialize((params) => {
    watchConfigs = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return initializeResult();
  });
  connection.onInitialized(() => {
    if (watchConfigs)
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: CONFIG_GLOBS.map((globPattern) => ({ globPattern })),
        })
        .catch((err) => {
          watchConfigs = false;
          logFailure(connection, "workspace", err);
        });
  });
  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri, DEBOUNCE_MS));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    linted.delete(e.document.uri);
    if (isOurs(e.document))
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  // A config file changed somewhere: every open Dockerfile may lint differently now.
  connection.onDidChangeWatchedFiles(() => {
    clearConfigCache();
    linted.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0);
  });
  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isOurs(doc)) return [];
    try {
      return await codeActions(doc, await current(doc), params);
    } catch (err) {
      logFailure(connection, doc.uri, err);
      return [];
    }
  });
  connection.onShutdown(() => {
    shuttingDown = true;
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  const exited = new Promise<number>((resolve) =>
    connection.onExit(() => resolve(shuttingDown ? 0 : 1)),
  );
  documents.listen(connection);
  connection.listen();
  return exited;
}

function initializeResult(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll],
      },
    },
    serverInfo: { name: "ballast", version: VERSION },
  };
}

function diagnosticsOf(lint: DocumentLint): Diagnostic[] {
  const out = lint.findings.map((f) => toDiagnostic(f, lint.view));
  if (lint.problem)
    out.unshift({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 1,
      source: "ballast",
      message: lint.problem,
    });
  return out;
}

function logFailure(connection: Connection, uri: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  connection.console.error(`ballast: ${uri}: ${message}`);
}
