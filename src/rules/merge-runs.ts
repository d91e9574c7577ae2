import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import type { Fix, TextEdit } from "../fix/edits.js";
import { lastBefore } from "./helpers.js";
import { runArgsSpan } from "./fixes.js";

const POSIX_SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"]);

/**
 * Builtins whose effect outlives their command: in separate RUNs each script starts fresh
 * (WORKDIR, no exports, no `set -e`), merged they would leak into the next one.
 */
const STATEFUL =
  /(^|[\s;&|(){}])(cd|pushd|popd|export|set|source|\.|umask|unset|alias|unalias|shopt|exit|exec|trap|readonly|declare|typeset|local|eval|ulimit|hash|enable)(?=\s|;|$)/;
/** `NAME=value` on its own, a variable for the rest of the script. */
const BARE_ASSIGNMENT = /(^|[;&|]\s*)[A-Za-z_][A-Za-z0-9_]*=[^\s;&|]*\s*($|[;&|])/;

/** The SHELL in effect for a RUN: null for the default `/bin/sh -c`. */
function shellOf(df: Dockerfile, instr: Instruction): string[] | null {
  const shell = lastBefore(df, instr, "merge-runs:shell", (i) => i.keyword === "SHELL" && !!i.json);
  return shell?.json ?? null;
}

/** True when the text has a list separator (`;`, `&`, newline) outside quotes: it is more than one `&&` chain. */
export function hasListSeparator(text: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "\\") i++;
    else if (ch === "'" || ch === '"' || ch === "`") quote = ch;
    else if (ch === ";" || ch === "\n") return true;
    else if (ch === "&") {
      if (text[i + 1] === "&") i++;
      else if (text[i - 1] !== ">" && text[i + 1] !== ">") return true;
    }
  }
  return false;
}

/**
 * Merges `second` into `first` as `first && { second; }` (braces only when `second` is a list),
 * so the merged RUN fails whenever either would have. Refused for exec form, heredocs, a
 * non-POSIX SHELL, trailing comments, and a first RUN that changes shell state.
 */
export function mergeRuns(
  df: Dockerfile,
  first: Instruction,
  second: Instruction,
): Fix | undefined {
  for (const r of [first, second]) {
    if (
      !r.shell ||
      r.shell.exec ||
      r.shell.hasError ||
      r.heredocs.length > 0 ||
      r.shell.commands.length === 0
    )
      return undefined;
  }
  const shell = shellOf(df, second);
  if (shell && !POSIX_SHELLS.has((shell[0] ?? "").split("/").pop() ?? "")) return undefined;
  const a = runArgsSpan(df, first);
  const b = runArgsSpan(df, second);
  if (!a || !b) return undefined;
  const aText = first.shell!.text;
  if (STATEFUL.test(aText) || BARE_ASSIGNMENT.test(aText)) return undefined;
  for (const [r, span] of [
    [first, a],
    [second, b],
  ] as const) {
    const lastEnd = Math.max(...r.shell!.commands.map((c) => c.span.end));
    if (df.text.slice(lastEnd, span.end).includes("#")) return undefined;
  }
  let aEnd = a.end;
  const aRaw = df.text.slice(a.start, a.end);
  if (/(^|[^&])&$/.test(aRaw) || /(\|\||&&|\|)$/.test(aRaw)) return undefined;
  if (aRaw.endsWith(";")) {
    aEnd--;
    while (aEnd > a.start && /[ \t]/.test(df.text[aEnd - 1])) aEnd--;
  }
  const bRaw = df.text.slice(b.start, b.end).replace(/;\s*$/, "");
  const wrap = hasListSeparator(second.shell!.text.trim().replace(/;$/, ""));
  const between = df.text.slice(first.span.end, second.span.start);
  const comments = between.split("\n").filter((l) => l.trim().startsWith("#"));
  const esc = df.escape || "\\";
  const indent = continuationIndent(df, first, a.start);
  const joint = ` ${esc}\n${comments.map((c) => `${c}\n`).join("")}${indent}&& ${wrap ? "{ " : ""}`;
  const edits: TextEdit[] = [{ start: aEnd, end: b.start, text: joint }];
  if (wrap) edits.push({ start: b.start + bRaw.length, end: b.end, text: "; }" });
  return {
    applicability: "unsafe",
    description: `merge into the RUN on line ${first.line}`,
    edits,
  };
}

/** Indentation of a RUN's continuation lines, or four spaces for a one-line RUN. */
function continuationIndent(df: Dockerfile, run: Instruction, argsStart: number): string {
  const lines = df.text.slice(argsStart, run.span.end).split("\n").slice(1);
  const line = lines.find((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  return line ? (/^[ \t]*/.exec(line)?.[0] ?? "    ") : "    ";
}
