import type { Log, ReportingDescriptor, Result } from "sarif";
import type { LintRenderer } from "./lint-format.js";
import { LEVEL, SECURITY_SEVERITY, relativeUri, ruleName } from "./lint-sarif-common.js";

/** SARIF 2.1.0 log with `rules[]` from rule metadata, as GitHub code scanning reads it. */
export const renderLintSarif: LintRenderer = (findings, options) => {
  const rules: ReportingDescriptor[] = options.rules.map((r) => ({
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.summary },
    help: { text: r.help, markdown: r.help },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: [r.category, ...r.hadolint],
      ...(r.category === "security" ? { "security-severity": SECURITY_SEVERITY[r.severity] } : {}),
    },
  }));
  const index = new Map(options.rules.map((r, i) => [r.id, i]));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.rule,
    ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(f.file), uriBaseId: "%SRCROOT%" },
          region: {
            startLine: f.line,
            startColumn: f.column ?? 1,
            endLine: Math.max(f.endLine ?? f.line, f.line),
          },
        },
      },
    ],
  }));
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "ballast", version: options.toolVersion, rules } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
