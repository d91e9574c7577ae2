import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { restoreText } from "../fix/write.js";
import type { LintFinding } from "../lint/lint.js";
import { replaceAll, toDiagnostic, toLspEdits } from "./convert.js";
import { fixDocument, type DocumentLint } from "./lint-document.js";

/** Quick fixes for the findings on the requested lines, then "fix all safe" for the document. */
export async function codeActions(
  doc: TextDocument,
  lint: DocumentLint,
  params: CodeActionParams,
): Promise<CodeAction[]> {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const first = params.range.start.line + 1;
    const last = params.range.end.line + 1;
    for (const f of lint.findings) {
      if (f.line > last || (f.endLine ?? f.line) < first) continue;
      const action = quickFix(doc, f, lint);
      if (action) actions.push(action);
    }
  }
  if (
    wants(CodeActionKind.SourceFixAll) &&
    lint.findings.some((f) => f.fix?.applicability === "safe")
  ) {
    const result = await fixDocument(lint, false);
    if (result.applied.length > 0) {
      const newText = restoreText(result.output, lint.view.shape);
      actions.push({
        title: `ballast: fix all safe problems (${result.applied.length})`,
        kind: CodeActionKind.SourceFixAll,
        edit: { changes: { [doc.uri]: [replaceAll(doc, newText)] } },
      });
    }
  }
  return actions;
}

/** A finding's own fix; display-only fixes are for reading, so they are not offered as edits. */
function quickFix(doc: TextDocument, f: LintFinding, lint: DocumentLint): CodeAction | null {
  const fix = f.fix;
  if (!fix || fix.edits.length === 0 || fix.applicability === "display-only") return null;
  const safe = fix.applicability === "safe";
  const diagnostic: Diagnostic = toDiagnostic(f, lint.view);
  return {
    title: `${fix.description} (${f.rule}${safe ? "" : ", unsafe"})`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: safe,
    edit: { changes: { [doc.uri]: toLspEdits(fix.edits, lint.view) } },
  };
}
