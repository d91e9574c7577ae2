import { summarize, type LintRenderer } from "./lint-format.js";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** A Markdown table for PR comments and job summaries. */
export const renderLintMarkdown: LintRenderer = (findings, options) => {
  const files = options.files.length;
  const out = [
    `### ballast lint: ${summarize(findings)} in ${files} file${files === 1 ? "" : "s"}`,
    "",
  ];
  if (findings.length === 0) return `${out.join("\n")}\n`;
  out.push("| File | Line | Severity | Rule | Message |", "|---|---:|---|---|---|");
  for (const f of findings) {
    out.push(
      `| ${cell(f.file)} | ${f.line} | ${f.severity} | \`${f.rule}\` | ${cell(f.message)} |`,
    );
  }
  return `${out.join("\n")}\n`;
};
