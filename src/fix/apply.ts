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

/** Lowest start and highest end of a fix's edits. */
function extent(fix: Fix): { start: number; end: number } {
  return {
    start: Math.min(...fix.edits.map((e) => e.start)),
    end: Math.max(...fix.edits.map((e) => e.end)),
  };
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
  const taken: TextEdit[] = [];
  const ordered = candidates
    .filter((c): c is WithFix<T> => !!c.fix && applicable(c.fix, unsafe) && c.fix.edits.length > 0)
    // Safe fixes win conflicts over unsafe ones, then earlier text over later.
    .sort(
      (a, b) =>
        rank(a.fix.applicability) - rank(b.fix.applicability) ||
        extent(a.fix).start - extent(b.fix).start,
    );
  for (const c of ordered) {
    if (hasInternalOverlap(c.fix.edits)) continue;
    const blocked = c.fix.edits.some((e) => taken.some((t) => conflicts(e, t)));
    // A fix that waits still holds its text: a later fix overlapping it may be the one it supersedes.
    taken.push(...c.fix.edits);
    if (!blocked) picked.push(c);
  }
  return picked;
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
