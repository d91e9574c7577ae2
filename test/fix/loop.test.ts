import { beforeAll, describe, expect, it } from "vitest";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { loadShellParser, type ShellParser } from "../../src/dockerfile/shell.js";
import { applyEdits, conflicts, selectFixes } from "../../src/fix/apply.js";
import type { Applicability } from "../../src/fix/edits.js";
import { fixLoop } from "../../src/fix/loop.js";
import { runRules } from "../../src/lint/engine.js";
import { parseProblems } from "../../src/rules/fixes.js";
import { defineRule, type Rule } from "../../src/rules/rule.js";

let shell: ShellParser;
beforeAll(async () => {
  shell = await loadShellParser();
});

/** The real engine and parser around the loop; the rules are test rules with chosen fixes. */
function loop(text: string, rules: Rule[], opts: { unsafe?: boolean; maxPasses?: number } = {}) {
  return fixLoop(text, {
    lint: async (t) => runRules(parseDockerfile(t, shell), rules, {}, "Dockerfile"),
    problems: async (t) => parseProblems(parseDockerfile(t, shell)),
    unsafe: opts.unsafe ?? false,
    maxPasses: opts.maxPasses,
  });
}

/** A rule that reports every RUN whose text matches `when`, with a fix built from the RUN. */
function runRule(
  id: string,
  when: RegExp,
  applicability: Applicability,
  edit: (start: number, end: number, text: string) => { start: number; end: number; text: string },
): Rule {
  return defineRule({
    id,
    meta: {
      severity: "warning",
      category: "size",
      summary: id,
      hadolint: [],
      fixable: applicability,
      enabledByDefault: true,
      docs: { what: "", why: "", example: "", useInstead: "", fixSafety: "" },
    },
    messages: { m: id },
    create: (ctx) => ({
      RUN(instr) {
        const text = ctx.dockerfile.text.slice(instr.span.start, instr.span.end);
        if (!when.test(text)) return;
        ctx.report({
          instr,
          messageId: "m",
          fix: {
            applicability,
            description: id,
            edits: [edit(instr.span.start, instr.span.end, text)],
          },
        });
      },
    }),
  }) as Rule;
}

describe("applyEdits / selectFixes", () => {
  it("applies in offset order and refuses overlaps", () => {
    expect(
      applyEdits("abcdef", [
        { start: 4, end: 5, text: "E" },
        { start: 0, end: 1, text: "A" },
      ]),
    ).toBe("AbcdEf");
    expect(() =>
      applyEdits("abc", [
        { start: 0, end: 2, text: "" },
        { start: 1, end: 3, text: "" },
      ]),
    ).toThrow(/overlaps/);
  });

  it("treats touching edits and two insertions at one offset as conflicts", () => {
    expect(conflicts({ start: 0, end: 2, text: "" }, { start: 2, end: 3, text: "" })).toBe(true);
    expect(conflicts({ start: 2, end: 2, text: "a" }, { start: 2, end: 2, text: "b" })).toBe(true);
    expect(conflicts({ start: 0, end: 1, text: "" }, { start: 2, end: 3, text: "" })).toBe(false);
  });

  it("prefers safe over unsafe on conflict and never picks display-only", () => {
    const fix = (applicability: Applicability, start: number) => ({
      rule: applicability,
      line: 1,
      message: "",
      fix: { applicability, description: "", edits: [{ start, end: start + 1, text: "x" }] },
    });
    const picked = selectFixes([fix("unsafe", 0), fix("safe", 1), fix("display-only", 5)], true);
    expect(picked.map((p) => p.rule)).toEqual(["safe"]);
    expect(selectFixes([fix("unsafe", 0)], false)).toEqual([]);
  });
});

describe("fixLoop", () => {
  const upper = runRule("upper", /RUN [a-z]/, "safe", (s, e, t) => ({
    start: s,
    end: e,
    text: t.toUpperCase(),
  }));

  it("re-lints until no fix applies", async () => {
    // Two rules whose edits touch: one per pass, both in the end.
    const suffix = runRule("suffix", /^RUN [A-Z]+$/, "safe", (_s, e) => ({
      start: e,
      end: e,
      text: " && DONE",
    }));
    const r = await loop("FROM x\nRUN abc\n", [upper, suffix]);
    expect(r.output).toBe("FROM x\nRUN ABC && DONE\n");
    expect(r.applied.map((a) => [a.rule, a.pass])).toEqual([
      ["upper", 1],
      ["suffix", 2],
    ]);
    expect(r.converged).toBe(true);
    expect(r.passes).toBe(2);
  });

  it("applies unsafe fixes only when asked", async () => {
    const unsafe = runRule("u", /RUN a/, "unsafe", (s, e) => ({ start: s, end: e, text: "RUN b" }));
    expect((await loop("FROM x\nRUN a\n", [unsafe])).output).toBe("FROM x\nRUN a\n");
    expect((await loop("FROM x\nRUN a\n", [unsafe], { unsafe: true })).output).toBe(
      "FROM x\nRUN b\n",
    );
  });

  it("rejects a fix that breaks parsing and keeps the others of the pass", async () => {
    const breaks = runRule("breaks", /RUN a/, "safe", (s, e) => ({
      start: s,
      end: e,
      text: "RUN a && (",
    }));
    const fine = runRule("fine", /RUN b/, "safe", (s, e) => ({ start: s, end: e, text: "RUN c" }));
    const r = await loop("FROM x\nRUN a\nRUN b\n", [breaks, fine]);
    expect(r.output).toBe("FROM x\nRUN a\nRUN c\n");
    expect(r.rejected).toEqual([
      {
        rule: "breaks",
        line: 2,
        description: "breaks",
        reason: "the fixed Dockerfile no longer parses",
      },
    ]);
    expect(r.converged).toBe(true);
  });

  it("does not count parse problems the input already had", async () => {
    const fine = runRule("fine", /RUN b/, "safe", (s, e) => ({ start: s, end: e, text: "RUN c" }));
    const r = await loop("FROM x\nRUN a && (\nRUN b\n", [fine]);
    expect(r.output).toBe("FROM x\nRUN a && (\nRUN c\n");
  });

  it("stops at the cap when fixes never settle", async () => {
    const grow = runRule("grow", /RUN/, "safe", (_s, e) => ({ start: e, end: e, text: " x" }));
    const r = await loop("FROM x\nRUN a\n", [grow], { maxPasses: 3 });
    expect(r.converged).toBe(false);
    expect(r.passes).toBe(3);
    expect(r.output).toBe("FROM x\nRUN a x x x\n");
  });

  it("stops when fixes undo each other", async () => {
    const toB = runRule("to-b", /RUN a/, "safe", (s, e) => ({ start: s, end: e, text: "RUN b" }));
    const toA = runRule("to-a", /RUN b/, "safe", (s, e) => ({ start: s, end: e, text: "RUN a" }));
    const r = await loop("FROM x\nRUN a\n", [toB, toA]);
    expect(r.output).toBe("FROM x\nRUN b\n");
    expect(r.rejected.map((x) => [x.rule, x.reason])).toEqual([
      ["to-a", "the fixes undo each other"],
    ]);
  });
});
