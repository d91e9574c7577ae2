import { createHash } from "node:crypto";
import type { LintRenderer, LocatedFinding } from "./lint-format.js";
import { renderLintGitlab } from "./lint-gitlab.js";

/** The code a hadolint consumer expects: the finding's hadolint code, else ballast's rule id. */
function codeOf(f: LocatedFinding): string {
  return f.hadolint?.[0] ?? f.rule;
}

/** hadolint's `--format json`: one array of `{line, code, message, column, file, level}`. */
export const renderLintHadolintJson: LintRenderer = (findings) => {
  const out = findings.map((f) => ({
    line: f.line,
    code: codeOf(f),
    message: f.message,
    column: f.column ?? 1,
    file: f.file,
    level: f.severity,
  }));
  return `${JSON.stringify(out)}\n`;
};

/** GNU's error format (`FILE:LINE:COLUMN: message`), which editors and errorformat parse. */
export const renderLintGnu: LintRenderer = (findings) =>
  findings
    .map((f) => `${f.file}:${f.line}:${f.column ?? 1}: ${codeOf(f)} ${f.severity}: ${f.message}\n`)
    .join("");

/**
 * Code Climate's engine output: one JSON issue per finding, each ended by a NUL byte, as
 * hadolint's `codeclimate` format writes it (GitLab's array is `gitlab_codeclimate`).
 */
export const renderLintCodeclimate: LintRenderer = (findings, options) => {
  const issues = JSON.parse(renderLintGitlab(findings, options)) as Record<string, unknown>[];
  return issues
    .map((issue, i) => {
      const f = findings[i];
      const fingerprint = createHash("md5")
        .update(`${f.file}\0${codeOf(f)}\0${f.line}`)
        .digest("hex");
      return `${JSON.stringify({ ...issue, check_name: codeOf(f), fingerprint })}\0`;
    })
    .join("");
};
