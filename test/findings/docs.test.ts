import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DETECTORS, detectorsDocument } from "../../src/analysis/findings/index.js";
import { RULES } from "../../src/rules/index.js";

const DOC = new URL("../../docs/detectors.md", import.meta.url);
const SRC = new URL("../../src/analysis/findings/", import.meta.url);
const TESTS = readdirSync(new URL(".", import.meta.url))
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => readFileSync(new URL(f, import.meta.url), "utf8"))
  .join("\n");

describe("detector docs", () => {
  it("docs/detectors.md is generated from the code", () => {
    const expected = `${detectorsDocument(DETECTORS)}\n`;
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, expected);
    expect(
      readFileSync(DOC, "utf8"),
      "run UPDATE_DOCS=1 npx vitest run test/findings/docs.test.ts",
    ).toBe(expected);
  });
  it.each(DETECTORS.map((d) => [d.id, d] as const))(
    "%s has docs, a file of its name, and a test",
    (id, d) => {
      for (const text of [
        d.meta.summary,
        d.meta.looksFor,
        d.meta.docs.what,
        d.meta.docs.why,
        d.meta.docs.example,
        d.meta.docs.useInstead,
      ])
        expect(text.trim().length).toBeGreaterThan(10);
      expect(d.meta.docs.example).not.toBe(d.meta.docs.useInstead);
      expect(readFileSync(new URL(`${id}.ts`, SRC), "utf8")).toContain(`id: "${id}"`);
      expect(TESTS).toContain(`findings/${id}.js`);
    },
  );
  it("ids are unique and never reuse a Dockerfile rule id", () => {
    const ids = DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ruleIds = new Set(RULES.map((r) => r.id));
    expect(ids.filter((id) => ruleIds.has(id))).toEqual([]);
  });
});
