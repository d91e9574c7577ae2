import type { Readable, Writable } from "node:stream";
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { VERSION } from "../model/version.js";
import { codeActions } from "./actions.js";
import { DEBOUNCE_MS, LintSession } from "./session.js";

/** The config files lint reads (src/lint/config.ts); a change re-lints the open files. */
const CONFIG_GLOBS = [
  "**/.ballast.{yaml,yml}",
  "**/.hadolint.{yaml,yml}",
  "**/hadolint.{yaml,yml}",
];

/** Starts the server on the given streams; resolves when the client has sent `exit`. */
export function startServer(input: Readable, output: Writable): Promise<number> {
  const connection = createConnection(input, output);
  const documents = new TextDocuments(TextDocument);
  const session = new LintSession(connection, documents);
  wireLifecycle(connection, session);
  documents.onDidOpen((e) => session.schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => session.schedule(e.document.uri, DEBOUNCE_MS));
  documents.onDidClose((e) => session.forget(e.document));
  connection.onDidChangeWatchedFiles(() => session.relintAll());
  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !session.isOurs(doc)) return [];
    try {
      return await codeActions(doc, await session.current(doc), params);
    } catch (err) {
      session.logFailure(doc.uri, err);
      return [];
    }
  });
  const exited = new Promise<number>((resolve) =>
    connection.onExit(() => resolve(session.isStopped ? 0 : 1)),
  );
  documents.listen(connection);
  connection.listen();
  return exited;
}

/** initialize (capabilities), initialized (config watchers where the editor allows), shutdown. */
function wireLifecycle(connection: Connection, session: LintSession): void {
  connection.onInitialize((params) => {
    session.watchConfigs =
      !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return initializeResult();
  });
  connection.onInitialized(() => {
    if (!session.watchConfigs) return;
    const watchers = CONFIG_GLOBS.map((globPattern) => ({ globPattern }));
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers })
      .catch((err) => {
        session.watchConfigs = false;
        session.logFailure("workspace", err);
      });
  });
  connection.onShutdown(() => session.stop());
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
