import type { ImageDetector } from "../analysis/findings/index.js";
import type { RuleDocs } from "../report/html/sections.js";
import type { SarifRule } from "../report/sarif.js";

interface Documented {
  id: string;
  meta: {
    summary: string;
    severity: SarifRule["severity"];
    category: string;
    docs: NonNullable<RuleDocs["docs"]>;
  };
}

/**
 * Every rule an image report can cite: the image detectors, then the Dockerfile rules
 * `analyze` runs over the Dockerfile read back from history.
 */
export async function documentedRules(): Promise<Documented[]> {
  const [{ DETECTORS }, { RULES }] = await Promise.all([
    import("../analysis/findings/index.js"),
    import("../rules/index.js"),
  ]);
  return [...(DETECTORS as ImageDetector[]), ...RULES];
}

/** SARIF rule entries, help under the headings the rule docs use. */
export function sarifRulesOf(rules: Documented[]): SarifRule[] {
  return rules.map((d) => ({
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

/** Docs shown beside findings in the HTML report. */
export function htmlDocsOf(rules: Documented[]): RuleDocs[] {
  return rules.map((d) => ({ id: d.id, summary: d.meta.summary, docs: d.meta.docs }));
}
