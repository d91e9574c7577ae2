import type { Finding, Severity } from "../model/finding.js";

/** Rule metadata a reporter may show (SARIF `rules[]`, markdown links); plain data, no rule code. */
export interface LintRuleInfo {
  id: string;
  summary: string;
  severity: Severity;
  category: string;
  hadolint: string[];
  /** Full documentation as Markdown. */
  help: string;
}

/** What every lint renderer gets besides the findings. */
export interface LintRenderOptions {
  /** Every file linted, including clean ones (JUnit test cases, summaries). */
  files: string[];
  rules: LintRuleInfo[];
  toolVersion: string;
  color?: boolean;
}

/** A finding located in a Dockerfile. */
export type LocatedFinding = Finding & { file: string; line: number };

export type LintRenderer = (
  findings: readonly LocatedFinding[],
  options: LintRenderOptions,
) => string;

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}

/** "3 problems (1 error, 2 warnings)". */
export function summarize(findings: readonly Finding[]): string {
  if (findings.length === 0) return "no problems";
  const counts = (["error", "warning", "info", "style"] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 || s === "info" || s === "style" ? "" : "s"}`);
  return `${findings.length} problem${findings.length === 1 ? "" : "s"} (${counts.join(", ")})`;
}
