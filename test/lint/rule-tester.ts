import { beforeAll, describe, expect, it } from "vitest";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { loadShellParser, type ShellParser } from "../../src/dockerfile/shell.js";
import { runRules } from "../../src/lint/engine.js";
import type { BuildContext, Rule, RuleSettings } from "../../src/rules/rule.js";
import { fixLoop } from "../../src/fix/loop.js";
import { parseProblems } from "../../src/rules/fixes.js";

export interface ValidCase {
  code: string;
  name?: string;
  context?: BuildContext;
  settings?: RuleSettings;
}

export interface InvalidCase<M extends string> extends ValidCase {
  /** Expected findings in order: the 1-based first line of each instruction, and optionally its message id. */
  errors: { line: number; messageId?: M; message?: RegExp; hadolint?: string[] }[];
  /** The Dockerfile after the fix loop applied this rule's safe and unsafe fixes; required when one is offered. */
  output?: string;
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
      runRules(
        parseDockerfile(c.code, shell),
        [rule as Rule],
        c.context ?? {},
        "Dockerfile",
        c.settings ?? {},
      );

    cases.valid.forEach((v, i) => {
      const c = typeof v === "string" ? { code: v } : v;
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        expect(lint(c).map((f) => `${f.line}: ${f.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ""}`, async () => {
        const found = lint(c);
        expect(found.map((f) => f.line)).toEqual(c.errors.map((e) => e.line));
        await checkFix(c, found, lint);
        c.errors.forEach((e, j) => {
          if (e.messageId)
            expect(found[j].message).toBe(messageFor(rule, e.messageId, found[j].message));
          if (e.message) expect(found[j].message).toMatch(e.message);
          if (e.hadolint) expect(found[j].hadolint).toEqual(e.hadolint);
          expect(found[j].rule).toBe(rule.id);
        });
      });
    });
  });
}

/**
 * A fix that applies must have its `output` stated (ESLint RuleTester): the fix loop with this
 * rule alone must produce exactly it, without a rejected pass; the output must re-lint without
 * the fixed findings, and fixing it again must change nothing.
 */
async function checkFix<M extends string>(
  c: InvalidCase<M>,
  found: ReturnType<typeof runRules>,
  lint: (c: ValidCase) => ReturnType<typeof runRules>,
): Promise<void> {
  const applies = (f: (typeof found)[number]) =>
    f.fix !== undefined && f.fix.applicability !== "display-only";
  const fixed = found.filter(applies);
  if (c.output === undefined) {
    expect(
      fixed.map((f) => `${f.line}: ${f.fix?.description}`),
      "a fix is offered: state the fixed `output`",
    ).toEqual([]);
    return;
  }
  const run = (code: string) =>
    fixLoop(code, {
      lint: async (text) => lint({ ...c, code: text }),
      problems: async (text) => parseProblems(parseDockerfile(text, shell)),
      unsafe: true,
    });
  const result = await run(c.code);
  expect(result.rejected).toEqual([]);
  expect(result.output).toBe(c.output);
  expect(c.output, "the output equals the input").not.toBe(c.code);
  const again = lint({ ...c, code: c.output });
  expect(
    again.filter(applies).map((f) => f.line),
    "a fixable finding survives its fix",
  ).toEqual([]);
  expect(again.length, "findings left after the fix").toBe(found.length - fixed.length);
  expect((await run(c.output)).output, "fixing twice changes something").toBe(c.output);
}

/** The message id's template must match the produced message, placeholders aside. */
function messageFor<M extends string>(rule: Rule<M>, id: M, actual: string): string {
  const pattern = rule.messages[id]
    .split(/\{\{\w+\}\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${pattern}$`, "s").test(actual) ? actual : `<message of ${id}>`;
}
