import type { Dockerfile } from "../dockerfile/model.js";
import { findRule, rulesForHadolint } from "../rules/index.js";

/** Inline suppressions: per instruction line and file-wide. */
export interface Pragmas {
  /** 1-based instruction line → rule ids ignored on it. */
  byLine: Map<number, Set<string>>;
  global: Set<string>;
  /** Names in `# ballast` pragmas that match no rule or hadolint code, with their line. */
  unknown: { name: string; line: number }[];
}

const PRAGMA = /^(ballast|hadolint)\s+(global\s+)?ignore\s*=\s*(.+)$/i;

/**
 * Reads `# ballast ignore=ID[,ID]` and hadolint's `# hadolint ignore=DL3008` /
 * `# hadolint global ignore=…` (hadolint Pragma.hs). A line pragma applies to the next
 * instruction, with only comments or blank lines in between. Both accept rule ids and DL codes.
 */
export function readPragmas(df: Dockerfile): Pragmas {
  const pragmas: Pragmas = { byLine: new Map(), global: new Set(), unknown: [] };
  const starts = df.instructions.map((i) => i.line).sort((a, b) => a - b);
  const inside = (line: number) => df.instructions.some((i) => i.line < line && line <= i.endLine);
  for (const comment of df.comments) {
    const m = PRAGMA.exec(comment.text.replace(/^#\s*/, "").trim());
    if (!m || inside(comment.line)) continue;
    const ids = new Set<string>();
    for (const name of m[3].split(/[,\s]+/).filter(Boolean)) {
      const rules = findRule(name) ? [name] : rulesForHadolint(name).map((r) => r.id);
      // hadolint pragmas name many codes ballast does not implement; only ballast's own are checked.
      if (rules.length === 0 && m[1].toLowerCase() === "ballast")
        pragmas.unknown.push({ name, line: comment.line });
      for (const id of rules) ids.add(id);
    }
    if (m[2]) {
      for (const id of ids) pragmas.global.add(id);
      continue;
    }
    const next = starts.find((l) => l > comment.line);
    if (next === undefined || !onlyCommentsBetween(df, comment.line, next)) continue;
    const set = pragmas.byLine.get(next) ?? new Set<string>();
    for (const id of ids) set.add(id);
    pragmas.byLine.set(next, set);
  }
  return pragmas;
}

function onlyCommentsBetween(df: Dockerfile, from: number, to: number): boolean {
  const lines = df.text.split("\n");
  for (let l = from + 1; l < to; l++) {
    const t = (lines[l - 1] ?? "").trim();
    if (t !== "" && !t.startsWith("#")) return false;
  }
  return true;
}
