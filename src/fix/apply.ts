import type { Applicability, Fix, TextEdit } from "./edits.js";

/** A fix together with the finding that offered it, as the fix loop sees it. */
export interface FixCandidate {
  rule: string;
  line: number;
  message: string;
  fix?: Fix;
}

export type WithFix<T extends FixCandidate> = T & { fix: Fix };

/** Applicabilities a run may apply: `safe` always, `unsafe` with `--unsafe-fixes`. Display-only never. */
export function applicable(fix: Fix, unsafe: boolean): boolean {
  return fix.applicability === "safe" || (unsafe && fix.applicability === "unsafe");
}

/** Lowest start of a fix's edits (a loop: spreading a long edit list into Math.min overflows the stack). */
function firstStart(fix: Fix): number {
  let start = Infinity;
  for (const e of fix.edits) start = Math.min(start, e.start);
  return start;
}

/**
 * Edits conflict when they overlap or touch (ruff's rule): two insertions at one offset, or an
 * edit ending where another starts, would make the result depend on the order applied.
 */
export function conflicts(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Picks fixes for one pass: applicable ones, in order of position, each whole or not at all,
 * skipping any that conflicts with one considered before it, picked or not (the next pass
 * gets another chance, on text the winner has changed).
 */
export function selectFixes<T extends FixCandidate>(
  candidates: readonly T[],
  unsafe: boolean,
): WithFix<T>[] {
  const picked: WithFix<T>[] = [];
  const ordered = candidates
    .filter((c): c is WithFix<T> => !!c.fix && applicable(c.fix, unsafe) && c.fix.edits.length > 0)
    .map((c) => ({ c, start: firstStart(c.fix), rank: rank(c.fix.applicability) }))
    // Safe fixes win conflicts over unsafe ones, then earlier text over later.
    .sort((a, b) => a.rank - b.rank || a.start - b.start)
    .map((o) => o.c);
  const taken = new TakenEdits(ordered.flatMap((c) => c.fix.edits.map((e) => e.start)));
  for (const c of ordered) {
    if (hasInternalOverlap(c.fix.edits)) continue;
    const blocked = c.fix.edits.some((e) => taken.conflicts(e));
    // A fix that waits still holds its text: a later fix overlapping it may be the one it supersedes.
    for (const e of c.fix.edits) taken.add(e);
    if (!blocked) picked.push(c);
  }
  return picked;
}

/**
 * Edits already considered, queried for a conflict (`conflicts` above) in O(log n): an edit e
 * conflicts with some taken t iff the largest end among those with t.start <= e.end reaches
 * e.start. A Fenwick tree of prefix maxima over the sorted distinct starts keeps that maximum;
 * a scan of every taken edit per fix was quadratic in the number of fixes (issue 13 §4).
 */
class TakenEdits {
  private readonly starts: number[];
  private readonly maxEnd: Float64Array;

  constructor(starts: number[]) {
    this.starts = [...new Set(starts)].sort((a, b) => a - b);
    this.maxEnd = new Float64Array(this.starts.length + 1).fill(-Infinity);
  }

  add(edit: TextEdit): void {
    for (let i = this.rank(edit.start); i < this.maxEnd.length; i += i & -i)
      this.maxEnd[i] = Math.max(this.maxEnd[i], edit.end);
  }

  conflicts(edit: TextEdit): boolean {
    let best = -Infinity;
    for (let i = this.countAtOrBelow(edit.end); i > 0; i -= i & -i)
      best = Math.max(best, this.maxEnd[i]);
    return best >= edit.start;
  }

  /** 1-based position of a known start. */
  private rank(start: number): number {
    return this.countAtOrBelow(start);
  }

  /** How many distinct starts are <= x. */
  private countAtOrBelow(x: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function rank(a: Applicability): number {
  return a === "safe" ? 0 : a === "unsafe" ? 1 : 2;
}

function hasInternalOverlap(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  return sorted.some((e, i) => i > 0 && e.start < sorted[i - 1].end);
}

/** Applies non-overlapping edits to `text`; throws if they overlap or fall outside it. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos || e.end < e.start || e.end > text.length) {
      throw new Error(
        `edit [${e.start}, ${e.end}) overlaps another or lies outside the text (length ${text.length})`,
      );
    }
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}
