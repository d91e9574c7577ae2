import type { Severity } from "../model/finding.js";
import { escapeXml, type LintRenderer } from "./lint-format.js";

const LEVEL: Record<Severity, string> = {
  error: "error",
  warning: "warning",
  info: "info",
  style: "info",
};

/** Checkstyle XML, read by Jenkins warnings-ng, reviewdog and others. */
export const renderLintCheckstyle: LintRenderer = (findings, options) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const file of options.files) {
    out.push(`  <file name="${escapeXml(file)}">`);
    for (const f of findings.filter((x) => x.file === file)) {
      out.push(
        `    <error line="${f.line}" column="${f.column ?? 1}" severity="${LEVEL[f.severity]}" message="${escapeXml(f.message)}" source="ballast.${escapeXml(f.rule)}"/>`,
      );
    }
    out.push("  </file>");
  }
  out.push("</checkstyle>");
  return `${out.join("\n")}\n`;
};
