import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint/lint.js";

// test/lint-corpus: 100 real public Dockerfiles (issue 17). Their sources are listed, each lints
// cleanly, and the official images that issue 17's false positives came from stay free of them.
const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../lint-corpus");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".Dockerfile"));
const rulesOf = async (file: string) =>
  (await lintText(readFileSync(path.join(DIR, file), "utf8"), { file })).map((f) => f.rule);

describe("real-Dockerfile corpus", () => {
  it("has at least 100 files, each named in SOURCES.tsv", () => {
    const listed = readFileSync(path.join(DIR, "SOURCES.tsv"), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split("\t")[0]);
    expect(FILES.length).toBeGreaterThanOrEqual(100);
    expect([...listed].sort()).toEqual([...FILES].sort());
  });

  it("lints every file without a rule failure", async () => {
    for (const f of FILES) await expect(rulesOf(f), f).resolves.toBeInstanceOf(Array);
  });

  it("python's savedAptMark RUN is not a later-layer cleanup (issue 17)", async () => {
    expect(await rulesOf("docker-library__python__3.12-slim-bookworm.Dockerfile")).not.toContain(
      "cleanup-in-later-layer",
    );
  });

  it("node's `yarn --version` smoke test is not an install (issue 17)", async () => {
    const rules = await rulesOf("nodejs__docker-node__22-alpine3.20.Dockerfile");
    expect(rules).not.toContain("yarn-cache-not-cleaned");
    expect(rules).not.toContain("node-dev-dependencies");
  });

  it("golang's chmod of the /go it made is not a rewrite of the COPY (issue 17)", async () => {
    expect(await rulesOf("docker-library__golang__1.23-alpine3.20.Dockerfile")).not.toContain(
      "chown-in-later-layer",
    );
  });
});
