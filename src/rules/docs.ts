import { HADOLINT } from "./hadolint.js";
import { RULES } from "./index.js";
import type { Rule } from "./rule.js";

const fence = (code: string) => `\`\`\`dockerfile\n${code.trimEnd()}\n\`\`\``;

function hadolintLine(rule: Rule): string {
  if (rule.meta.hadolint.length === 0) return "none";
  return rule.meta.hadolint.map((c) => `${c} (${HADOLINT[c] ?? "?"})`).join(", ");
}

/** A rule's documentation as Markdown, under the fixed headings (DESIGN.md habit 7). */
export function ruleMarkdown(rule: Rule, heading = "#"): string {
  const { meta } = rule;
  const d = meta.docs;
  const sub = `${heading}#`;
  return [
    `${heading} ${rule.id}`,
    "",
    `${meta.summary}. Severity: ${meta.severity}. Category: ${meta.category}. hadolint: ${hadolintLine(rule)}.${meta.enabledByDefault ? "" : " Off by default."}`,
    "",
    `${sub} What it does`,
    "",
    d.what,
    "",
    `${sub} Why it matters`,
    "",
    d.why,
    "",
    `${sub} Example`,
    "",
    fence(d.example),
    "",
    `${sub} Use instead`,
    "",
    fence(d.useInstead),
    "",
    `${sub} Fix safety`,
    "",
    d.fixSafety,
    "",
  ].join("\n");
}

/** docs/rules.md: a table of every rule, then each rule's documentation. Generated; a test keeps it current. */
export function rulesDocument(rules: readonly Rule[] = RULES): string {
  const rows = rules.map(
    (r) =>
      `| [\`${r.id}\`](#${r.id}) | ${r.meta.category} | ${r.meta.severity} | ${r.meta.hadolint.join(", ") || "–"} | ${r.meta.enabledByDefault ? "yes" : "no"} | ${r.meta.summary.replace(/\|/g, "\\|")} |`,
  );
  return [
    "# ballast lint rules",
    "",
    "<!-- Generated from the rule metadata in src/rules/ by `ballast rules --format markdown > docs/rules.md`; do not edit by hand. -->",
    "",
    "| rule | category | severity | hadolint | default | flags |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    ...rules.map((r) => ruleMarkdown(r, "##")),
  ].join("\n");
}
