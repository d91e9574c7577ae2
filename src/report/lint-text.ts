import pc from "picocolors";
import type { Severity } from "../model/finding.js";
import { summarize, type LintRenderer } from "./lint-format.js";
import { terminalSafe } from "../model/terminal-text.js";

/** `file:line:col  severity  rule  message`, one per line, and a summary (like compilers print). */
export const renderLintText: LintRenderer = (unsafeFindings, options) => {
  const findings = terminalSafe(unsafeFindings);
  const c = pc.createColors(options.color ?? false);
  const paint: Record<Severity, (s: string) => string> = {
    error: c.red,
    warning: c.yellow,
    info: c.cyan,
    style: c.dim,
  };
  const lines = findings.map((f) => {
    const where = `${f.file}:${f.line}:${f.column ?? 1}`;
    const codes = f.hadolint && f.hadolint.length > 0 ? c.dim(` [${f.hadolint.join(", ")}]`) : "";
    return `${c.bold(where)}  ${paint[f.severity](f.severity.padEnd(7))}  ${c.dim(f.rule)}  ${f.message}${codes}`;
  });
  const files = options.files.length;
  lines.push(`${summarize(findings)} in ${files} file${files === 1 ? "" : "s"}`);
  return `${lines.join("\n")}\n`;
};
