import { beforeAll, describe, expect, it } from "vitest";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { loadShellParser, type ShellParser } from "../../src/dockerfile/shell.js";
import { runRules } from "../../src/lint/engine.js";
import type { BuildContext, Rule } from "../../src/rules/rule.js";

export interface ValidCase {
  code: string;
  name?: string;
  context?: BuildContext;
}

export interface InvalidCase<M extends string> extends ValidCase {
  /** Expected findings in order: the 1-based first line of each instruction, and optionally its message id. */
  errors: { line: number; messageId?: M; message?: RegExp }[];
}

let shell: ShellParser;

/** Table test for one rule (ESLint RuleTester style): only that rule runs, before any policy. */
export function ruleTester<M extends string>(
  rule: Rule<M>,
  cases: { valid: (string | ValidCase)[]; invalid: InvalidCase<M>[] },
): void {
  describe(rule.id, () => {
    beforeAll(async () => {
      shell = await loadShellParser();
    });
    const lint = (c: ValidCase) =>
      runRules(parseDockerfile(c.code, shell), [rule as Rule], c.context ?? {}, "Dockerfile");

    cases.valid.forEach((v, i) => {
      const c = typeof v === "string" ? { code: v } : v;
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        expect(lint(c).map((f) => `${f.line}: ${f.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        const found = lint(c);
        expect(found.map((f) => f.line)).toEqual(c.errors.map((e) => e.line));
        // No case can state a fixed output yet (`ballast fix` is a later issue), so no rule may offer a fix untested.
        expect(found.filter((f) => f.fix)).toEqual([]);
        c.errors.forEach((e, j) => {
          if (e.messageId)
            expect(found[j].message).toBe(messageFor(rule, e.messageId, found[j].message));
          if (e.message) expect(found[j].message).toMatch(e.message);
          expect(found[j].rule).toBe(rule.id);
        });
      });
    });
  });
}

/** The message id's template must match the produced message, placeholders aside. */
function messageFor<M extends string>(rule: Rule<M>, id: M, actual: string): string {
  const pattern = rule.messages[id]
    .split(/\{\{\w+\}\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${pattern}$`, "s").test(actual) ? actual : `<message of ${id}>`;
}
