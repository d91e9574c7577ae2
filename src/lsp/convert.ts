import type { Diagnostic, TextEdit as LspTextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { TextEdit } from "../fix/edits.js";
import { normalizeText, type TextShape } from "../fix/write.js";
import type { LintFinding } from "../lint/lint.js";
import type { Severity } from "../model/finding.js";

/** LSP DiagnosticSeverity values (Error 1, Warning 2, Information 3, Hint 4). */
const SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, info: 3, style: 4 };

/**
 * The text rules see (LF, no BOM) and the way back to the editor's positions: line numbers
 * are the same in both, only a BOM shifts the first line by one character.
 */
export interface LintView {
  text: string;
  shape: TextShape;
  /** Line starts of `text`, for offset → position. */
  lineStarts: number[];
}

export function lintView(raw: string): LintView {
  const { text, shape } = normalizeText(raw);
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return { text, shape, lineStarts };
}

/** 0-based LSP position of a UTF-16 offset into the view's text. */
export function positionOf(view: LintView, offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = view.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (view.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const bomShift = lo === 0 && view.shape.bom ? 1 : 0;
  return { line: lo, character: offset - view.lineStarts[lo] + bomShift };
}

/** A finding as a diagnostic: rule id as `code`, hadolint codes in the message's source tag. */
export function toDiagnostic(f: LintFinding, view: LintView): Diagnostic {
  const line = Math.max(0, f.line - 1);
  const endLine = Math.max(line, (f.endLine ?? f.line) - 1);
  const lineEnd = (n: number) => {
    const start = view.lineStarts[n] ?? view.text.length;
    const next = view.lineStarts[n + 1];
    return (next === undefined ? view.text.length : next - 1) - start;
  };
  const endCharacter =
    f.endColumn !== undefined && f.endColumn > 1 ? f.endColumn - 1 : lineEnd(endLine);
  const codes = f.hadolint.length > 0 ? ` [${f.hadolint.join(", ")}]` : "";
  return {
    range: {
      start: { line, character: Math.max(0, (f.column ?? 1) - 1) },
      end: { line: endLine, character: endCharacter },
    },
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: "ballast",
    message: `${f.message}${codes}`,
    data: { rule: f.rule, hadolint: f.hadolint },
  };
}

/** A fix's offset edits as LSP edits on the editor's document (line endings given back). */
export function toLspEdits(edits: readonly TextEdit[], view: LintView): LspTextEdit[] {
  return edits.map((e) => ({
    range: { start: positionOf(view, e.start), end: positionOf(view, e.end) },
    newText: view.shape.crlf ? e.text.replace(/\n/g, "\r\n") : e.text,
  }));
}

/** One edit replacing the whole document. */
export function replaceAll(doc: TextDocument, newText: string): LspTextEdit {
  return {
    range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) },
    newText,
  };
}

/** The diagnostics to publish: a problem that stopped the lint first, then the findings. */
export function diagnosticsOf(lint: {
  view: LintView;
  findings: LintFinding[];
  problem?: string;
}): Diagnostic[] {
  const out = lint.findings.map((f) => toDiagnostic(f, lint.view));
  if (lint.problem)
    out.unshift({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 1,
      source: "ballast",
      message: lint.problem,
    });
  return out;
}
