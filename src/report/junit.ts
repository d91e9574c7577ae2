import type { GateOutcome } from "../analysis/gate.js";
import type { ImageReport } from "../model/report.js";

export interface JunitOptions {
  /** ISO timestamp of the run; left out when not given, so the output is reproducible. */
  timestamp?: string;
}

/**
 * The CI gates as JUnit XML (the de-facto schema Jenkins, GitLab and Azure read): one
 * testcase per rule, FAIL as <failure>, SKIP as <skipped>.
 */
export function renderJunit(
  report: ImageReport,
  outcome: GateOutcome,
  o: JunitOptions = {},
): string {
  const t = outcome.tally;
  const counts = `tests="${t.total}" failures="${t.fail}" errors="0" skipped="${t.skip}"`;
  const cases = outcome.results.map((r) => {
    const open = `    <testcase classname="ballast.ci" name="${xml(r.rule)}" time="0"`;
    const detail = [
      r.actual !== undefined ? `actual: ${r.actual}` : "",
      r.threshold !== undefined ? `threshold: ${r.threshold}` : "",
    ]
      .filter(Boolean)
      .join("\n");
    if (r.status === "FAIL")
      return `${open}>\n      <failure type="${xml(r.rule)}" message="${xml(r.message)}">${xml(detail)}</failure>\n    </testcase>`;
    if (r.status === "SKIP")
      return `${open}>\n      <skipped message="${xml(r.message)}"/>\n    </testcase>`;
    return `${open}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ballast ci" ${counts} time="0">`,
    `  <testsuite name="${xml(`ballast ci ${report.image.reference}`)}" ${counts} time="0"${o.timestamp ? ` timestamp="${xml(o.timestamp)}"` : ""}>`,
    "    <properties>",
    `      <property name="image" value="${xml(report.image.reference)}"/>`,
    `      <property name="configDigest" value="${xml(report.image.configDigest)}"/>`,
    "    </properties>",
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
