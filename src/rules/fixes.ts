import type { Command, Dockerfile, Instruction, Span, Word } from "../dockerfile/model.js";
import type { TextEdit } from "../fix/edits.js";
import { KNOWN_INSTRUCTIONS } from "../dockerfile/instructions.js";

/** Text edits shared by the rules' fixes. Each returns null when it cannot edit the text safely. */

/**
 * The word of a command's subcommand (`install` in `apt-get -y install x`), skipping flags and
 * the values of `valueFlags`, as `positionals` does.
 */
export function subcommandWord(cmd: Command, valueFlags: readonly string[] = []): Word | null {
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i].value;
    if (v === "--") return cmd.args[i + 1] ?? null;
    if (v.startsWith("-") && v !== "-") {
      if (valueFlags.includes(v)) i++;
      continue;
    }
    return cmd.args[i];
  }
  return null;
}

/**
 * Inserts `flag` as a new word right after `word`. The word's text must read as its value
 * (plain, or JSON-quoted in exec form), so offsets inside `sh -c "…"` with escapes are never trusted.
 */
export function insertAfterWord(df: Dockerfile, word: Word, flag: string): TextEdit | null {
  const raw = df.text.slice(word.span.start, word.span.end);
  if (
    raw === JSON.stringify(word.value) &&
    raw.startsWith('"') &&
    df.text.slice(0, word.span.start).trimEnd().match(/[[,]$/)
  ) {
    return { start: word.span.end, end: word.span.end, text: `, ${JSON.stringify(flag)}` };
  }
  if (raw !== word.value) return null;
  return { start: word.span.end, end: word.span.end, text: ` ${flag}` };
}

/** Span of a shell-form RUN's script on the instruction lines: after the keyword and flags, trailing blanks trimmed. */
export function runArgsSpan(df: Dockerfile, instr: Instruction): Span | null {
  const text = df.text;
  const keyword = /^[A-Za-z]+/.exec(text.slice(instr.span.start, instr.span.end));
  if (!keyword) return null;
  let i = instr.span.start + keyword[0].length;
  for (;;) {
    i = skipBlanks(text, i, instr.span.end, df.escape);
    if (!text.startsWith("--", i)) break;
    while (i < instr.span.end && !/\s/.test(text[i])) i++;
  }
  const end = scriptEnd(df, i, instr.span.end);
  return end !== null && end > i ? { start: i, end } : null;
}

/**
 * End of the script text, before what a builder drops from the end of an instruction: trailing
 * blanks, comment lines inside the continuation, and a dangling escape at the end of the file.
 * Text appended after a dangling `\\` would read as an escaped space (issue 13 §3). Null when
 * the script itself then ends in the escape character, where no position is safe to append at.
 */
function scriptEnd(df: Dockerfile, start: number, limit: number): number | null {
  const text = df.text;
  let end = trimBlanks(text, start, limit);
  for (;;) {
    const lineStart = text.lastIndexOf("\n", end - 1) + 1;
    if (lineStart <= start || !text.slice(lineStart, end).trimStart().startsWith("#")) break;
    end = trimBlanks(text, start, lineStart);
  }
  if (!df.escape || text[end - 1] !== df.escape) return end;
  end = trimBlanks(text, start, end - 1);
  return text[end - 1] === df.escape ? null : end;
}

function trimBlanks(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Skips spaces, tabs and escaped newlines (line continuations). */
function skipBlanks(text: string, i: number, limit: number, escape: string): number {
  for (;;) {
    while (i < limit && (text[i] === " " || text[i] === "\t")) i++;
    const m = escape
      ? new RegExp(`^${escapeRegExp(escape)}[ \\t]*\\r?\\n`).exec(text.slice(i, i + 64))
      : null;
    if (!m) return i;
    i += m[0].length;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True when a RUN's first heredoc is the script it runs (`RUN <<EOF` or `RUN bash <<EOF`). */
function heredocIsScript(df: Dockerfile, instr: Instruction): boolean {
  const span = runArgsSpan(df, instr);
  const doc = instr.heredocs[0];
  if (!span || !doc) return false;
  const firstLine = df.text.slice(span.start, df.text.indexOf("\n", span.start)).trim();
  return /^(((\/usr)?\/bin\/)?(ba|da|a)?sh\s+)?<<-?["']?\w+["']?$/.test(firstLine);
}

/**
 * Appends a shell command to the end of a RUN so it runs after everything else and only if
 * the script succeeded so far: `&& command`, laid out like the RUN's own continuation lines.
 * Null for exec form, unparseable scripts, a trailing comment, a background `&`, or a heredoc
 * that is not the script.
 */
export function appendCommand(
  df: Dockerfile,
  instr: Instruction,
  command: string,
): TextEdit | null {
  const shell = instr.shell;
  if (!shell || shell.exec || shell.hasError || shell.commands.length === 0) return null;
  if (instr.heredocs.length > 0) {
    const doc = instr.heredocs[0];
    if (!heredocIsScript(df, instr) || !doc.terminated || instr.heredocs.length > 1) return null;
    const body = doc.body.replace(/\s+$/, "");
    const lastLine = body.slice(body.lastIndexOf("\n") + 1);
    // The body is shell text: its line continuation is always a backslash, whatever the Dockerfile escape.
    if (lastLine.endsWith("\\") || lastLine.includes("#") || body.includes("<<")) return null;
    const at = doc.bodySpan.start + body.length;
    // Under `set -e` a new last line runs only if all before succeeded; without it, a new line would
    // run after a failure and hide it, so the command is chained to the last line instead.
    if (!/^\s*set\s+-[a-z]*e/m.test(body)) {
      if (/(&&|\|\||\||;|&)$/.test(lastLine.trimEnd())) return null;
      return { start: at, end: at, text: ` && ${command}` };
    }
    const indent = /^[ \t]*/.exec(lastLine)?.[0] ?? "";
    return { start: at, end: at, text: `\n${indent}${command}` };
  }
  const span = runArgsSpan(df, instr);
  if (!span) return null;
  const lastCommandEnd = Math.max(...shell.commands.map((c) => c.span.end));
  if (df.text.slice(lastCommandEnd, span.end).includes("#")) return null;
  const script = df.text.slice(span.start, span.end);
  if (/(^|[^&])&$/.test(script) || /(&&|\|\||\|)$/.test(script)) return null;
  if (/;$/.test(script)) {
    // `a; b;` + `&& c` goes before the `;`: after it, `c` would run even when `b` failed.
    let at = span.end - 1;
    while (at > span.start && /[ \t]/.test(df.text[at - 1])) at--;
    return { start: at, end: at, text: ` && ${command}` };
  }
  return { start: span.end, end: span.end, text: continuation(df, instr, span, `&& ${command}`) };
}

/**
 * `&& cmd` placed as the RUN's existing lines are: on its own line after a leading `&&`, at the
 * start of a new line after a trailing `&& \`, or on the same line for a one-line RUN.
 */
export function continuation(
  df: Dockerfile,
  instr: Instruction,
  span: Span,
  chained: string,
): string {
  const esc = df.escape;
  const lines = df.text
    .slice(instr.span.start, span.end)
    .split("\n")
    .filter((l, n, all) => n === all.length - 1 || (l.trim() !== "" && !l.trim().startsWith("#")));
  if (lines.length < 2) return ` ${chained}`;
  const last = lines[lines.length - 1];
  const indent = /^[ \t]*/.exec(last)?.[0] ?? "";
  const prev = lines[lines.length - 2].trimEnd();
  if (/^(&&|\|\||;)/.test(last.trim())) return ` ${esc}\n${indent}${chained}`;
  const op = /^(&&|\|\|)\s*/.exec(chained);
  if (op && prev.endsWith(esc) && /(&&|\|\||;)\s*$/.test(prev.slice(0, -esc.length).trimEnd())) {
    return ` ${op[1]} ${esc}\n${indent}${chained.slice(op[0].length)}`;
  }
  return ` ${chained}`;
}

/** Deletes an instruction with its line(s); null if it shares a line with something else. */
export function deleteInstruction(df: Dockerfile, instr: Instruction): TextEdit | null {
  const text = df.text;
  const lineStart = text.lastIndexOf("\n", instr.span.start - 1) + 1;
  if (text.slice(lineStart, instr.span.start).trim() !== "") return null;
  const nl = text.indexOf("\n", instr.span.end);
  if (nl >= 0 && text.slice(instr.span.end, nl).trim() !== "") return null;
  return { start: lineStart, end: nl < 0 ? text.length : nl + 1, text: "" };
}

/** Span of the instruction keyword as written (`ADD`, `add`). */
export function keywordSpan(df: Dockerfile, instr: Instruction): Span | null {
  const m = /^[A-Za-z]+/.exec(df.text.slice(instr.span.start, instr.span.end));
  return m ? { start: instr.span.start, end: instr.span.start + m[0].length } : null;
}

const KNOWN = KNOWN_INSTRUCTIONS;

/**
 * What the builder would reject or misread, one entry per problem: RUN scripts the shell
 * parser had to recover from, unterminated heredocs, unknown instructions. The fix loop
 * refuses a pass that adds any (DESIGN.md habit 12).
 */
export function parseProblems(df: Dockerfile): string[] {
  const out: string[] = [];
  for (const instr of df.instructions) {
    if (!KNOWN.has(instr.keyword)) out.push(`unknown instruction ${instr.keyword}`);
    if (instr.shell?.hasError) out.push(`shell syntax error in RUN`);
    for (const h of instr.heredocs) if (!h.terminated) out.push(`unterminated heredoc ${h.name}`);
  }
  if (!df.instructions.some((i) => i.keyword === "FROM")) out.push("no FROM");
  return out;
}

/**
 * Removes one command of an `&&` chain with its operator (and the continuation between), or
 * the whole instruction when it is the RUN's only command; null in any other shape.
 */
export function deleteCommand(df: Dockerfile, instr: Instruction, cmd: Command): TextEdit | null {
  const cmds = instr.shell?.commands ?? [];
  if (cmds.length === 1 && instr.heredocs.length === 0) return deleteInstruction(df, instr);
  const gap = `(?:\\s|${escapeRegExp(df.escape || "\\")}\\s*\\n)*`;
  const after = new RegExp(`^${gap}&&${gap}`).exec(df.text.slice(cmd.span.end, cmd.span.end + 200));
  const span = runArgsSpan(df, instr);
  if (!span || cmd.pipeline !== 0) return null;
  // Only a command that starts the script or follows `&&`/`;` can go with its `&&`: after `||`,
  // `then` or `(` the chain would mean something else.
  const lead = df.text.slice(span.start, cmd.span.start).replace(new RegExp(gap + "$"), "");
  const starts = lead === "" || /(&&|;)$/.test(lead);
  if (after && starts)
    return { start: cmd.span.start, end: cmd.span.end + after[0].length, text: "" };
  const before = new RegExp(`${gap}&&${gap}$`).exec(
    df.text.slice(Math.max(0, cmd.span.start - 200), cmd.span.start),
  );
  if (before && df.text.slice(cmd.span.end, span.end).trim() === "") {
    return { start: cmd.span.start - before[0].length, end: cmd.span.end, text: "" };
  }
  return null;
}
