import { applyEdits, selectFixes, type FixCandidate } from "./apply.js";
import type { Applicability, Fix } from "./edits.js";

export interface FixLoopOptions<T extends FixCandidate> {
  /** Lints a text; findings without a fix are returned too (they become `remaining`). */
  lint(text: string): Promise<readonly T[]>;
  /** Parse problems of a text (syntax errors, unterminated heredocs…); a pass may not add any. */
  problems(text: string): Promise<readonly string[]>;
  /** Apply `unsafe` fixes as well as `safe` ones. */
  unsafe: boolean;
  /** Passes before giving up on reaching a fixed point (ruff uses 100; Dockerfiles settle in a few). */
  maxPasses?: number;
}

export interface AppliedFix {
  rule: string;
  /** Line of the finding in the text of the pass that applied it. */
  line: number;
  description: string;
  applicability: Applicability;
  pass: number;
}

export interface RejectedFix {
  rule: string;
  line: number;
  description: string;
  reason: string;
}

export interface FixResult<T> {
  output: string;
  applied: AppliedFix[];
  rejected: RejectedFix[];
  /** Findings of the final text (fixed or not, with their unapplied fixes). */
  remaining: readonly T[];
  passes: number;
  /** False when the cap was reached or the fixes went round in a cycle. */
  converged: boolean;
}

const DEFAULT_MAX_PASSES = 10;

/**
 * Re-lints and applies non-conflicting fixes until none applies (DESIGN.md habit 12). A pass
 * whose output has more parse problems than the input is not kept: the fixes in it are tried
 * one by one and those that break parsing are set aside for good.
 */
export async function fixLoop<T extends FixCandidate>(
  input: string,
  options: FixLoopOptions<T>,
): Promise<FixResult<T>> {
  const maxPasses = options.maxPasses ?? DEFAULT_MAX_PASSES;
  const baseline = (await options.problems(input)).length;
  const breaks = async (text: string) => (await options.problems(text)).length > baseline;
  const rejectedKeys = new Set<string>();
  const result: FixResult<T> = {
    output: input,
    applied: [],
    rejected: [],
    remaining: [],
    passes: 0,
    converged: false,
  };
  const seen = new Set([input]);
  let text = input;
  for (let pass = 1; pass <= maxPasses + 1; pass++) {
    const findings = await options.lint(text);
    result.remaining = findings;
    const offered = findings.filter((f) => !rejectedKeys.has(keyOf(f)));
    // Safe fixes settle first; unsafe ones then work on that text, so one `--unsafe-fixes` run
    // gives what a safe run followed by an unsafe run gives.
    let picked: (T & { fix: Fix })[] = selectFixes(offered, false);
    if (picked.length === 0 && options.unsafe) picked = selectFixes(offered, true);
    if (picked.length === 0) {
      result.converged = true;
      break;
    }
    if (pass > maxPasses) break;
    result.passes = pass;
    let next = applyEdits(
      text,
      picked.flatMap((p) => p.fix.edits),
    );
    if (await breaks(next)) {
      const groups = await isolate(text, picked, breaks, (p, reason) => reject(p, reason));
      if (groups.length === 0) continue;
      // Each group was parsed on its own; all of them together may still break.
      picked = groups.flat();
      next = applyEdits(
        text,
        picked.flatMap((p) => p.fix.edits),
      );
      if (groups.length > 1 && (await breaks(next))) {
        picked = groups[0];
        next = applyEdits(
          text,
          picked.flatMap((p) => p.fix.edits),
        );
      }
    }
    if (next === text) {
      for (const p of picked) reject(p, "the fix changes nothing");
      continue;
    }
    if (seen.has(next)) {
      // Fixes that undo each other: stop rather than loop until the cap.
      for (const p of picked) reject(p, "the fixes undo each other");
      break;
    }
    seen.add(next);
    for (const p of picked) {
      result.applied.push({
        rule: p.rule,
        line: p.line,
        description: p.fix.description,
        applicability: p.fix.applicability,
        pass,
      });
    }
    text = next;
  }
  result.output = text;
  return result;

  function reject(p: T & { fix: Fix }, reason: string): void {
    rejectedKeys.add(keyOf(p));
    result.rejected.push({ rule: p.rule, line: p.line, description: p.fix.description, reason });
  }
}

/**
 * The fixes of a breaking pass that keep the text parseable on their own; the others are
 * rejected, in groups that parse together. Found by halving: a group whose edits together
 * break nothing is good as a whole, so k fixes with b bad ones cost O(b log k) parses, not k
 * (each a parse of the whole file).
 */
async function isolate<T extends { fix: Fix }>(
  text: string,
  picked: T[],
  breaks: (text: string) => Promise<boolean>,
  reject: (p: T, reason: string) => void,
): Promise<T[][]> {
  const good: T[][] = [];
  // Groups known to break, split until single fixes remain: a stack, not recursion.
  const todo: { group: T[]; breaks: boolean | null }[] = [{ group: picked, breaks: true }];
  while (todo.length > 0) {
    const { group, breaks: known } = todo.pop()!;
    const broken =
      known ??
      (await breaks(
        applyEdits(
          text,
          group.flatMap((p) => p.fix.edits),
        ),
      ));
    if (!broken) good.push(group);
    else if (group.length === 1) reject(group[0], "the fixed Dockerfile no longer parses");
    else {
      const half = group.length >> 1;
      todo.push(
        { group: group.slice(half), breaks: null },
        { group: group.slice(0, half), breaks: null },
      );
    }
  }
  return good;
}

/** Identifies a fix across passes, where line numbers and offsets move. */
function keyOf(f: FixCandidate): string {
  if (!f.fix) return "";
  return `${f.rule}\u0000${f.fix.description}\u0000${f.fix.edits.map((e) => e.text).join("\u0000")}`;
}
