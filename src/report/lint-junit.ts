import { escapeXml, type LintRenderer } from "./lint-format.js";

/** JUnit XML: one suite per Dockerfile, one failing test case per finding, one passing case when clean. */
export const renderLintJunit: LintRenderer = (findings, options) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="ballast lint" tests="${countCases(findings, options.files)}" failures="${findings.length}">`,
  );
  for (const file of options.files) {
    const mine = findings.filter((f) => f.file === file);
    out.push(
      `  <testsuite name="${escapeXml(file)}" tests="${Math.max(mine.length, 1)}" failures="${mine.length}">`,
    );
    if (mine.length === 0)
      out.push(`    <testcase name="ballast lint" classname="${escapeXml(file)}"/>`);
    for (const f of mine) {
      const name = escapeXml(`${f.rule} (line ${f.line})`);
      out.push(`    <testcase name="${name}" classname="${escapeXml(file)}">`);
      out.push(
        `      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(`${f.file}:${f.line}:${f.column ?? 1} ${f.rule}: ${f.message}`)}</failure>`,
      );
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
};

function countCases(findings: readonly { file: string }[], files: string[]): number {
  return files.reduce(
    (n, file) => n + Math.max(findings.filter((f) => f.file === file).length, 1),
    0,
  );
}
