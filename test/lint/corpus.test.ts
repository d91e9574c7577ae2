import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintText, type LintFinding } from "../../src/lint/lint.js";
import { findRule } from "../../src/rules/index.js";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "corpus");
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith(".Dockerfile"))
  .sort();

/** Each corpus file states, in a `# expect-rules:` comment written by hand, which rules it should trigger. */
function expected(text: string): string[] {
  const m = /^# expect-rules:(.*)$/m.exec(text);
  if (!m) throw new Error("corpus file without an expect-rules line");
  return m[1]
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();
}

describe("corpus of real-world-style Dockerfiles", () => {
  it("has at least 40 files across the distributions and languages the issue names", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
    for (const family of ["debian", "alpine", "fedora", "go", "rust", "python", "node", "java"]) {
      expect(
        FILES.some((f) => f.startsWith(`${family}-`)),
        family,
      ).toBe(true);
    }
  });

  for (const file of FILES) {
    it(file, async () => {
      const text = readFileSync(path.join(DIR, file), "utf8");
      const first = await lintText(text, { file });
      const second = await lintText(text, { file });
      expect(second).toEqual(first);
      const lines = text.split("\n").length;
      for (const f of first) {
        expect(findRule(f.rule), f.rule).toBeDefined();
        expect(f.line).toBeGreaterThanOrEqual(1);
        expect(f.line).toBeLessThanOrEqual(lines);
        expect(f.endLine).toBeGreaterThanOrEqual(f.line);
      }
      expect(ruleIds(first)).toEqual(expected(text));
    });
  }
});

describe("truncated and mangled input", () => {
  it("never throws on any line prefix of any corpus file (cut heredocs, continuations, JSON)", async () => {
    let linted = 0;
    for (const file of FILES) {
      const lines = readFileSync(path.join(DIR, file), "utf8").split("\n");
      for (let n = 0; n <= lines.length; n++) {
        const text = lines.slice(0, n).join("\n");
        await expect(lintText(text, { file })).resolves.toBeInstanceOf(Array);
        await expect(
          lintText(text.replace(/\n/g, "\r\n").slice(0, -3), { file }),
        ).resolves.toBeInstanceOf(Array);
        linted += 2;
      }
    }
    expect(linted).toBeGreaterThan(500);
  });

  it("never throws on shell-hostile RUNs", async () => {
    const runs = [
      "RUN \\",
      "RUN '",
      'RUN "$(',
      "RUN <<",
      "RUN <<EOF cat <<EOF2",
      'RUN ["sh", ',
      "RUN ((",
      "RUN case x in",
      "RUN `",
      "RUN sh -c",
      "RUN sudo",
      "RUN env",
    ];
    for (const run of runs)
      await expect(lintText(`FROM a:1\n${run}\n`)).resolves.toBeInstanceOf(Array);
  });
});

function ruleIds(findings: LintFinding[]): string[] {
  return [...new Set(findings.map((f) => f.rule))].sort();
}
