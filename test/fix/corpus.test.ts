import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fixText } from "../../src/cli/fix-run.js";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { loadShellParser, type ShellParser } from "../../src/dockerfile/shell.js";
import { lintText } from "../../src/lint/lint.js";
import { parseProblems } from "../../src/rules/fixes.js";

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), "../lint/corpus");
const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".Dockerfile"))
  .sort();

let shell: ShellParser;
beforeAll(async () => {
  shell = await loadShellParser();
});

/**
 * Every rule, safe and unsafe fixes, over the lint corpus (real-world Dockerfiles): the loop
 * converges, adds no parse problem, leaves no applicable fix behind, and a second run changes nothing.
 */
describe("fix loop over the lint corpus", () => {
  for (const name of files) {
    it(name, async () => {
      const text = readFileSync(path.join(CORPUS, name), "utf8");
      const result = await fixText(text, { unsafe: true });
      expect(result.converged).toBe(true);
      expect(result.rejected).toEqual([]);
      const before = parseProblems(parseDockerfile(text, shell)).length;
      expect(parseProblems(parseDockerfile(result.output, shell)).length).toBeLessThanOrEqual(
        before,
      );
      const again = await lintText(result.output);
      const left = again.filter((f) => f.fix && f.fix.applicability !== "display-only");
      expect(left.map((f) => `${f.line} ${f.rule}`)).toEqual([]);
      // Every applied fix's finding is gone: no rule reports more findings than it did before.
      const count = (list: { rule: string }[], rule: string) =>
        list.filter((f) => f.rule === rule).length;
      const first = await lintText(text);
      for (const rule of new Set(result.applied.map((a) => a.rule))) {
        expect(count(again, rule), rule).toBeLessThan(count(first, rule));
      }
      expect((await fixText(result.output, { unsafe: true })).output).toBe(result.output);
    });
  }

  it("fixes something in most of the corpus", async () => {
    let changed = 0;
    for (const name of files) {
      const text = readFileSync(path.join(CORPUS, name), "utf8");
      if ((await fixText(text, { unsafe: true })).output !== text) changed++;
    }
    expect(changed).toBeGreaterThan(files.length / 3);
  });
});
