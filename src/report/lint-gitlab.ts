import { createHash } from "node:crypto";
import type { Severity } from "../model/finding.js";
import type { LintRenderer } from "./lint-format.js";

const LEVEL: Record<Severity, string> = {
  error: "critical",
  warning: "major",
  info: "minor",
  style: "info",
};

/** GitLab Code Quality report (a JSON array); the fingerprint identifies a finding across pipelines. */
export const renderLintGitlab: LintRenderer = (findings, options) => {
  const categoryOf = new Map(options.rules.map((r) => [r.id, r.category]));
  const issues = findings.map((f) => ({
    type: "issue",
    description: f.message,
    check_name: f.rule,
    categories: [
      categoryOf.get(f.rule) === "security"
        ? "Security"
        : categoryOf.get(f.rule) === "size"
          ? "Performance"
          : "Bug Risk",
    ],
    fingerprint: createHash("sha256")
      .update(`${f.file}\0${f.rule}\0${f.line}\0${f.message}`)
      .digest("hex"),
    severity: LEVEL[f.severity],
    location: { path: f.file, lines: { begin: f.line, end: f.endLine ?? f.line } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
};
