import type { LintRenderer } from "./lint-format.js";

/** `{"findings":[…]}` with exactly the documented keys, in a stable order (issue 3 §5). */
export const renderLintJson: LintRenderer = (findings) => {
  const out = findings.map((f) => ({
    file: f.file,
    line: f.line,
    column: f.column ?? 1,
    endLine: f.endLine ?? f.line,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    hadolint: f.hadolint ?? [],
  }));
  return `${JSON.stringify({ findings: out }, null, 2)}\n`;
};
