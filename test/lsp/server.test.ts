import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CodeAction, TextEdit } from "vscode-languageserver/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient, codes } from "./client.js";

const TEXT = [
  "FROM debian:12",
  "RUN apt-get update && apt-get install -y curl",
  "RUN pip install flask",
  "",
].join("\n");

let dir: string;
let client: LspClient;
let uri: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ballast-lsp-"));
  uri = pathToFileURL(path.join(dir, "Dockerfile")).href;
  client = new LspClient(dir);
});

afterAll(async () => {
  client.child.kill();
  await rm(dir, { recursive: true, force: true });
});

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(uri, "dockerfile", 0, text), edits);
}

function actionsAt(line: number, only?: string[]): Promise<CodeAction[]> {
  return client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri },
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    context: { diagnostics: [], ...(only ? { only } : {}) },
  });
}

describe("ballast lsp --stdio driven by an LSP client", () => {
  let version = 1;
  let text = TEXT;

  async function change(next: string): Promise<string[]> {
    version++;
    text = next;
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ text: next }],
    });
    const v = version;
    return codes(await client.diagnostics(uri, (p) => p.version === v));
  }

  it("initializes and publishes diagnostics on open, with severity, code and hadolint code", async () => {
    // The server survives an editor that refuses its config-file watcher (it crashed on the rejection).
    client.refuseRegistrations = true;
    const init = await client.initialize(pathToFileURL(dir).href, {
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
    });
    expect(init.capabilities.codeActionProvider).toBeTruthy();
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "dockerfile", version, text },
    });
    const pub = await client.diagnostics(uri, (p) => p.version === 1);
    const recommends = pub.diagnostics.find((d) => d.code === "apt-no-install-recommends");
    expect(recommends).toMatchObject({
      severity: 2,
      source: "ballast",
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 45 } },
    });
    expect(recommends!.message).toContain("DL3015");
    expect(codes(pub)).toContain("pip-no-cache-dir");
  });

  it("re-publishes when the text changes, incrementally too", async () => {
    const fixedByHand = TEXT.replace("install -y", "install -y --no-install-recommends");
    expect(await change(fixedByHand)).not.toContain("apt-no-install-recommends");
    version++;
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [
        {
          range: { start: { line: 2, character: 4 }, end: { line: 2, character: 21 } },
          text: "echo hi",
        },
      ],
    });
    const v = version;
    const after = codes(await client.diagnostics(uri, (p) => p.version === v));
    expect(after).not.toContain("pip-no-cache-dir");
    text = fixedByHand.replace("pip install flask", "echo hi");
    await change(TEXT);
  });

  it("offers a finding's fix as a preferred quick fix, and the result re-lints clean of it", async () => {
    const actions = await actionsAt(2, ["quickfix"]);
    const pip = actions.find((a) => a.diagnostics?.[0]?.code === "pip-no-cache-dir");
    expect(pip).toMatchObject({ kind: "quickfix", isPreferred: true });
    const fixed = apply(text, pip!.edit!.changes![uri]);
    expect(fixed).toContain("RUN pip install --no-cache-dir flask");
    expect(await change(fixed)).not.toContain("pip-no-cache-dir");
  });

  it("offers unsafe fixes without preferring them", async () => {
    const actions = await actionsAt(0);
    const base = actions.find((a) => a.diagnostics?.[0]?.code === "heavy-base-image");
    expect(base?.isPreferred).toBe(false);
    expect(apply(text, base!.edit!.changes![uri])).toMatch(/^FROM debian:12-slim\n/);
  });

  it("fixes all safe problems in one source.fixAll action", async () => {
    const actions = await actionsAt(0, ["source.fixAll"]);
    expect(actions.map((a) => a.kind)).toEqual(["source.fixAll"]);
    const fixed = apply(text, actions[0].edit!.changes![uri]);
    const left = await change(fixed);
    expect(left).not.toContain("apt-no-install-recommends");
    expect(left).not.toContain("apt-lists-not-removed");
    // Unsafe ones stay for the user to choose.
    expect(left).toContain("heavy-base-image");
    expect(fixed).toMatch(/^FROM debian:12\n/);
  });

  it("re-reads the config on the next lint when the editor cannot watch files", async () => {
    await writeFile(path.join(dir, ".ballast.yaml"), "lint:\n  ignore: [heavy-base-image]\n");
    expect(await change(text)).not.toContain("heavy-base-image");
  });

  it("exits 0 after shutdown and exit", async () => {
    expect(await client.close()).toBe(0);
  });
});
