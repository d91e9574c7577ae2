import type { ImageDetector } from "../analysis/findings/index.js";
import type { SarifRule } from "../report/sarif.js";

/** SARIF rule entries from detector metadata; help under the headings the rule docs use. */
export function sarifRulesOf(detectors: ImageDetector[]): SarifRule[] {
  return detectors.map((d) => ({
    id: d.id,
    summary: d.meta.summary,
    severity: d.meta.severity,
    category: d.meta.category,
    help: [
      `**What it does**: ${d.meta.docs.what}`,
      `**Why it matters**: ${d.meta.docs.why}`,
      `**Example**\n\n\`\`\`dockerfile\n${d.meta.docs.example.trimEnd()}\n\`\`\``,
      `**Use instead**\n\n\`\`\`dockerfile\n${d.meta.docs.useInstead.trimEnd()}\n\`\`\``,
    ].join("\n\n"),
  }));
}
