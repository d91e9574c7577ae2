import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applicable, conflicts, selectFixes, type FixCandidate } from "../../src/fix/apply.js";
import type { Applicability, TextEdit } from "../../src/fix/edits.js";
import { fixLoop } from "../../src/fix/loop.js";

/** selectFixes as first written: every taken edit checked against every fix (quadratic). */
function reference<T extends FixCandidate>(candidates: readonly T[], unsafe: boolean): T[] {
  const rank = (a: Applicability) => (a === "safe" ? 0 : a === "unsafe" ? 1 : 2);
  const start = (c: T) => Math.min(...c.fix!.edits.map((e) => e.start));
  const ordered = candidates
    .filter((c) => c.fix && applicable(c.fix, unsafe) && c.fix.edits.length > 0)
    .sort((a, b) => rank(a.fix!.applicability) - rank(b.fix!.applicability) || start(a) - start(b));
  const taken: TextEdit[] = [];
  const picked: T[] = [];
  for (const c of ordered) {
    const sorted = [...c.fix!.edits].sort((a, b) => a.start - b.start);
    if (sorted.some((e, i) => i > 0 && e.start < sorted[i - 1].end)) continue;
    const blocked = c.fix!.edits.some((e) => taken.some((t) => conflicts(e, t)));
    taken.push(...c.fix!.edits);
    if (!blocked) picked.push(c);
  }
  return picked;
}

const edit = fc
  .record({ start: fc.nat(40), length: fc.nat(6) })
  .map(({ start, length }) => ({ start, end: start + length, text: "x" }));
const candidate = fc.record({
  rule: fc.constantFrom("a", "b"),
  line: fc.nat(),
  message: fc.constant(""),
  fix: fc.record({
    applicability: fc.constantFrom<Applicability>("safe", "unsafe", "display-only"),
    description: fc.constant(""),
    edits: fc.array(edit, { maxLength: 3 }),
  }),
});

describe("selectFixes", () => {
  it("picks what the pairwise check picked", () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 25 }), fc.boolean(), (cs, unsafe) => {
        expect(selectFixes(cs, unsafe)).toEqual(reference(cs, unsafe));
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});

describe("fixLoop with a fix that breaks parsing among many", () => {
  it("finds it in O(log n) parses, not one parse per fix", async () => {
    const n = 1024;
    // One line per fix; the fix for line 700 makes the text "unparseable".
    const input = Array.from({ length: n }, (_, i) => `line ${i}`).join("\n");
    const starts = input
      .split("\n")
      .map((_, i, all) => all.slice(0, i).join("\n").length + (i ? 1 : 0));
    let parses = 0;
    const result = await fixLoop(input, {
      lint: async (text) =>
        text === input
          ? starts.map((s, i) => ({
              rule: "r",
              line: i + 1,
              message: "",
              fix: {
                applicability: "safe" as const,
                description: `fix ${i}`,
                edits: [{ start: s, end: s + 4, text: i === 700 ? "BAD!" : "LINE" }],
              },
            }))
          : [],
      problems: async (text) => {
        parses++;
        return text.includes("BAD!") ? ["broken"] : [];
      },
      unsafe: false,
    });
    expect(result.rejected.map((r) => r.description)).toEqual(["fix 700"]);
    expect(result.applied).toHaveLength(n - 1);
    expect(result.output.split("\n").filter((l) => l.startsWith("LINE"))).toHaveLength(n - 1);
    // The baseline, the failed pass, about 2·log2(n) halves, and the pass together.
    expect(parses).toBeLessThan(40);
  });
});
