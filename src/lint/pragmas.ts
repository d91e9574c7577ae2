import type { Dockerfile } from "../dockerfile/model.js";
import { findRule, isKnownAlias } from "../rules/index.js";

/**
 * Inline suppressions, per instruction line and file-wide. Entries are rule ids, or upper-cased
 * aliases (hadolint codes, BuildKit check names) matched against each finding's own code, so
 * `# hadolint ignore=DL3036` silences a zypper finding and not a dnf one (issue 17).
 */
export interface Pragmas {
  /** 1-based instruction line → names ignored on it. */
  byLine: Map<number, Set<string>>;
  global: Set<string>;
  /** Names in `# ballast` pragmas that match no rule, code or check, with their line. */
  unknown: { name: string; line: number }[];
  /** `# check=error=true`: BuildKit's checks fail the build (their findings become errors). */
  checkErrors: boolean;
}

const PRAGMA = /^(ballast|hadolint)\s+(global\s+)?ignore\s*=\s*(.+)$/i;
/** BuildKit's check directive (`# check=skip=A,B;error=true`), before the first instruction. */
const CHECK = /^check\s*=\s*(.+)$/i;
/** Codes of hadolint (DL…) and ShellCheck (SC…): hadolint's users name many ballast does not implement. */
export const FOREIGN_CODE = /^(DL|SC)\d{4}$/i;

/**
 * Reads `# ballast ignore=ID[,ID]`, hadolint's `# hadolint ignore=DL3008` /
 * `# hadolint global ignore=…` (hadolint Pragma.hs) and BuildKit's `# check=skip=…` /
 * `# check=error=true`. A line pragma applies to the next instruction, with only comments or
 * blank lines in between.
 */
export function readPragmas(df: Dockerfile): Pragmas {
  const pragmas: Pragmas = {
    byLine: new Map(),
    global: new Set(),
    unknown: [],
    checkErrors: false,
  };
  if (df.comments.length === 0) return pragmas;
  const starts = df.instructions.map((i) => i.line).sort((a, b) => a - b);
  // Lines inside a multi-line instruction, and lines that are blank or comments: computed once.
  const inner = new Set<number>();
  for (const i of df.instructions) for (let l = i.line + 1; l <= i.endLine; l++) inner.add(l);
  const quiet = df.text.split("\n").map((t) => t.trim() === "" || t.trim().startsWith("#"));
  let nextIndex = 0;
  for (const comment of df.comments) {
    const body = comment.text.replace(/^#\s*/, "").trim();
    const check = CHECK.exec(body);
    if (check && comment.line < (starts[0] ?? Infinity)) {
      readCheckDirective(check[1], pragmas);
      continue;
    }
    const m = PRAGMA.exec(body);
    if (!m || inner.has(comment.line)) continue;
    const names = new Set<string>();
    for (const name of m[3].split(/[,\s]+/).filter(Boolean)) {
      const key = pragmaKey(name);
      // hadolint pragmas name many codes ballast does not implement; only ballast's own are checked.
      if (key === null) {
        if (m[1].toLowerCase() === "ballast") pragmas.unknown.push({ name, line: comment.line });
        continue;
      }
      names.add(key);
    }
    if (m[2]) {
      for (const n of names) pragmas.global.add(n);
      continue;
    }
    // Comments come in line order, so the next instruction only moves forward.
    while (nextIndex < starts.length && starts[nextIndex] <= comment.line) nextIndex++;
    const next = starts[nextIndex];
    if (next === undefined || !onlyCommentsBetween(quiet, comment.line, next)) continue;
    const set = pragmas.byLine.get(next) ?? new Set<string>();
    for (const n of names) set.add(n);
    pragmas.byLine.set(next, set);
  }
  return pragmas;
}

/** `skip=A,B` (or `skip=all`) and `error=true`, separated by `;` (docs.docker.com build checks). */
function readCheckDirective(value: string, pragmas: Pragmas): void {
  for (const part of value.split(";")) {
    const [key, val = ""] = part.split("=").map((s) => s.trim());
    if (key.toLowerCase() === "error") pragmas.checkErrors = val.toLowerCase() === "true";
    if (key.toLowerCase() !== "skip") continue;
    for (const name of val
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      pragmas.global.add(name.toLowerCase() === "all" ? "CHECK:ALL" : name.toUpperCase());
    }
  }
}

/** No pragmas (hadolint's `disable-ignore-pragma`). */
export function noPragmas(): Pragmas {
  return { byLine: new Map(), global: new Set(), unknown: [], checkErrors: false };
}

/** The key a pragma name is matched by: a rule id, an upper-cased known alias, a foreign code; else null. */
function pragmaKey(name: string): string | null {
  if (findRule(name)) return name;
  const upper = name.toUpperCase();
  return isKnownAlias(upper) || FOREIGN_CODE.test(upper) ? upper : null;
}

/** True when a finding answers to one of the names: its rule id, its hadolint code or its check name. */
export function silences(
  names: ReadonlySet<string> | undefined,
  f: { rule: string; hadolint?: string[]; check?: string },
): boolean {
  if (!names || names.size === 0) return false;
  if (names.has(f.rule)) return true;
  if (f.hadolint?.some((c) => names.has(c))) return true;
  return f.check !== undefined && (names.has(f.check.toUpperCase()) || names.has("CHECK:ALL"));
}

function onlyCommentsBetween(quiet: boolean[], from: number, to: number): boolean {
  for (let l = from + 1; l < to; l++) if (quiet[l - 1] === false) return false;
  return true;
}
