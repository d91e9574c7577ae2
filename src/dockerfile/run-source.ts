import type { Heredoc, Span } from "./model.js";
import { MappedTextBuilder, type MappedText } from "./text.js";

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh"]);

/**
 * The shell text BuildKit would run for a shell-form RUN, mapped back to the Dockerfile.
 * Escaped newlines are joined, and blank or `#` lines inside a continuation are dropped
 * (BuildKit trims leading whitespace before testing for `#`; LIBRARIES.md (a) explains why
 * dockerfile-ast's own argument text cannot be used). Heredoc markers are blanked; a heredoc
 * body is appended as script when the RUN is only heredocs or feeds the heredoc to a shell.
 */
export function runShellSource(
  source: string,
  args: Span,
  heredocs: { doc: Heredoc; marker: Span }[],
  escape: string,
): MappedText {
  const out = new MappedTextBuilder();
  const commandEnd = heredocs.length > 0 ? lineEnd(source, heredocs[0].marker.end) : args.end;
  const blanks = heredocs.map((h) => h.marker);
  let i = args.start;
  while (i < commandEnd) {
    const blank = blanks.find((b) => b.start === i);
    if (blank) {
      out.pushSynthetic(" ".repeat(blank.end - blank.start), i);
      i = blank.end;
      continue;
    }
    const joined = escape && source[i] === escape ? continuationEnd(source, i + 1, commandEnd) : -1;
    if (joined >= 0) {
      i = skipContinuationLines(source, joined, commandEnd);
      continue;
    }
    out.push(source, i, i + 1);
    i++;
  }
  const command = out.build(commandEnd).text.trim();
  const first = command.split(/\s+/)[0] ?? "";
  heredocs.forEach(({ doc }, n) => {
    const script = command === "" ? n === 0 : n === 0 && SHELLS.has(basename(first));
    if (!script) return;
    out.pushSynthetic("\n", doc.bodySpan.start);
    out.push(source, doc.bodySpan.start, doc.bodySpan.end);
  });
  return out.build(heredocs.length > 0 ? heredocs[heredocs.length - 1].doc.bodySpan.end : args.end);
}

/** If only spaces then a newline follow, the offset after the newline; otherwise -1. */
function continuationEnd(source: string, i: number, limit: number): number {
  while (i < limit && (source[i] === " " || source[i] === "\t")) i++;
  if (source[i] === "\r") i++;
  if (source[i] === "\n") return i + 1;
  return i >= limit ? limit : -1;
}

function skipContinuationLines(source: string, i: number, limit: number): number {
  while (i < limit) {
    const end = lineEnd(source, i);
    const line = source.slice(i, end).trim();
    if (line !== "" && !line.startsWith("#")) return i;
    i = end + 1;
  }
  return limit;
}

function lineEnd(source: string, i: number): number {
  const n = source.indexOf("\n", i);
  return n < 0 ? source.length : n;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}
