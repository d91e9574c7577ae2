import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CodeAction } from "vscode-languageserver/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient, codes } from "./client.js";

const PIP = "FROM python:3.12-slim\nRUN pip install flask\n";
const APT =
  "FROM debian:12-slim\n# hadolint ignore=DL3015\nRUN apt-get update && apt-get install -y curl\n";

let dir: string;
let client: LspClient;
const uriOf = (rel: string) => pathToFileURL(path.join(dir, rel)).href;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ballast-lsp-cfg-"));
  await mkdir(path.join(dir, "hl"));
  await mkdir(path.join(dir, "broken"));
  await writeFile(path.join(dir, ".ballast.yaml"), "lint:\n  ignore: [pip-no-cache-dir]\n");
  await writeFile(path.join(dir, "hl", ".hadolint.yaml"), "ignored:\n  - DL3042\n");
  await writeFile(path.join(dir, "broken", ".ballast.yaml"), "lint: [unclosed\n");
  client = new LspClient(dir);
  await client.initialize(pathToFileURL(dir).href, {
    workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
  });
});

afterAll(async () => {
  client.child.kill();
  await rm(dir, { recursive: true, force: true });
});

describe("ballast lsp: pragmas, config, which files, bad input", () => {
  it("honours inline pragmas and the nearest .ballast.yaml / .hadolint.yaml", async () => {
    await client.open(uriOf("app.Dockerfile"), APT + "RUN pip install flask\n");
    await client.open(uriOf("hl/Dockerfile"), PIP, "plaintext");
    const app = codes(await client.diagnostics(uriOf("app.Dockerfile")));
    expect(app).toContain("apt-lists-not-removed");
    expect(app).not.toContain("apt-no-install-recommends");
    expect(app).not.toContain("pip-no-cache-dir");
    // The language id says plaintext, but ballast lint takes the name: linted, with hadolint's config.
    const hl = await client.diagnostics(uriOf("hl/Dockerfile"));
    expect(codes(hl)).not.toContain("pip-no-cache-dir");
    expect(codes(hl)).toContain("runs-as-root");
  });

  it("re-reads the config when it changes", async () => {
    expect(JSON.stringify(client.registrations)).toContain("**/.ballast.{yaml,yml}");
    await writeFile(path.join(dir, ".ballast.yaml"), "lint:\n  ignore: []\n");
    const from = client.published.length;
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: uriOf(".ballast.yaml"), type: 2 }],
    });
    const app = await client.diagnostics(uriOf("app.Dockerfile"), () => true, from);
    expect(codes(app)).toContain("pip-no-cache-dir");
  });

  it("reports a broken config and still lints with the defaults", async () => {
    await client.open(uriOf("broken/Dockerfile"), PIP);
    const pub = await client.diagnostics(uriOf("broken/Dockerfile"));
    expect(pub.diagnostics[0].message).toMatch(/broken\/\.ballast\.yaml: invalid YAML/);
    expect(codes(pub)).toContain("pip-no-cache-dir");
  });

  it("leaves files that are not Dockerfiles alone", async () => {
    await client.open(uriOf("README.md"), PIP, "markdown");
    await client.open(uriOf("x.Dockerfile"), PIP, "plaintext");
    await client.diagnostics(uriOf("x.Dockerfile"));
    expect(client.published.some((p) => p.uri === uriOf("README.md"))).toBe(false);
  });

  it("reports binary and huge documents without crashing, and keeps serving", async () => {
    await client.open(uriOf("bin/Dockerfile"), "FROM scratch\n\u0000\u0001\u0002");
    const bin = await client.diagnostics(uriOf("bin/Dockerfile"));
    expect(bin.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/binary file/)]);
    await client.open(uriOf("huge/Dockerfile"), `FROM scratch\n${"RUN true\n".repeat(300_000)}`);
    const huge = await client.diagnostics(uriOf("huge/Dockerfile"));
    expect(huge.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/too large/)]);
    await client.open(uriOf("after/Dockerfile"), PIP);
    expect(codes(await client.diagnostics(uriOf("after/Dockerfile")))).toContain(
      "pip-no-cache-dir",
    );
  });

  it("gives CRLF documents edits in their own line endings", async () => {
    const uri = uriOf("crlf/Dockerfile");
    const text = "\uFEFFFROM debian:12-slim\r\nRUN apt-get install -y curl\r\n";
    await client.open(uri, text);
    const pub = await client.diagnostics(uri);
    const diag = pub.diagnostics.find((d) => d.code === "apt-no-install-recommends");
    expect(diag?.range.start.line).toBe(1);
    const actions: CodeAction[] = await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    });
    const fixed = TextDocument.applyEdits(
      TextDocument.create(uri, "dockerfile", 1, text),
      actions[0].edit!.changes![uri],
    );
    expect(fixed.startsWith("\uFEFFFROM debian:12-slim\r\nRUN apt-get")).toBe(true);
    expect(fixed).toContain("--no-install-recommends");
    expect(fixed.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("exits 0 after shutdown and exit", async () => {
    expect(await client.close()).toBe(0);
  });
});
