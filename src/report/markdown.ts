import type { CostEstimate } from "../analysis/cost.js";
import type { GateOutcome } from "../analysis/gate.js";
import { instructionOf } from "../model/history.js";
import type { ImageReport } from "../model/report.js";
import { assumptions, costRows } from "./cost-format.js";
import { cell, code, codeCell, details } from "./markdown-util.js";
import { humanBytes, percent } from "./units.js";
import { blobWord, count } from "./plural.js";

export interface MarkdownOptions {
  /** Rows per table. */
  top: number;
  cost?: CostEstimate;
  currency?: string;
  gates?: { outcome: GateOutcome; source: string };
}

/** `ballast analyze` as GitHub-flavoured Markdown for a pull-request comment or job summary. */
export function renderMarkdown(r: ImageReport, o: MarkdownOptions): string {
  const parts = [
    `### Image ${code(r.image.reference)}`,
    summaryTable(r),
    o.gates ? gateTable(o.gates.outcome, o.gates.source) : "",
    findings(r, o),
    layers(r),
    waste(r, o),
    largest(r, o),
    o.cost ? costTable(o.cost, o.currency) : "",
  ];
  return `${parts.filter(Boolean).join("\n\n")}\n`;
}

/** The CI verdict alone, for `ballast ci --format markdown`. */
export function renderGateMarkdown(
  r: ImageReport,
  outcome: GateOutcome,
  o: { source: string },
): string {
  return `### ${outcome.pass ? "✅ PASS" : "❌ FAIL"}: ${code(r.image.reference)}\n\n${gateTable(outcome, o.source)}\n`;
}

function summaryTable(r: ImageReport): string {
  const userBytes = r.size.uncompressed;
  return [
    "| | |",
    "|---|---:|",
    `| ${blobWord(r.layers)} | **${humanBytes(r.size.compressed)}** |`,
    `| uncompressed | ${humanBytes(r.size.uncompressed)} in ${count(r.layerCount, "layer")} |`,
    `| final filesystem | ${humanBytes(r.size.visible)} in ${count(r.size.files, "file")} |`,
    `| reclaimable | **${humanBytes(r.waste.reclaimable)}** (${percent(userBytes ? r.waste.reclaimable / userBytes : 0)}): ${humanBytes(r.waste.shadowed)} overwritten, ${humanBytes(r.waste.deleted)} deleted |`,
    `| duplicate files | ${humanBytes(r.duplicates.bytes)} |`,
    `| dive efficiency | ${percent(r.dive.efficiency, 2)} (${humanBytes(r.dive.wastedBytes)} wasted, ${percent(r.dive.userWastedPercent)} of user bytes) |`,
  ].join("\n");
}

function gateTable(outcome: GateOutcome, source: string): string {
  const icon = { PASS: "✅", FAIL: "❌", SKIP: "⏭️" } as const;
  const rows = outcome.results
    .filter((x) => x.status !== "SKIP")
    .map(
      (x) => `| ${icon[x.status]} ${x.status} | ${code(x.rule)} | ${cell(x.message || "", 200)} |`,
    );
  const t = outcome.tally;
  return [
    `**CI: ${outcome.pass ? "PASS" : "FAIL"}** (${t.pass} passed, ${t.fail} failed, ${t.skip} skipped; rules from ${source})`,
    "",
    "| result | rule | detail |",
    "|---|---|---|",
    ...rows,
  ].join("\n");
}

function findings(r: ImageReport, o: MarkdownOptions): string {
  if (!r.findings.length) return "**Findings**: none";
  const rows = r.findings
    .slice(0, o.top)
    .map(
      (f) =>
        `| ${f.severity} | ${code(f.rule)} | ${f.bytes ? humanBytes(f.bytes) : ""} | ${cell(f.message, 200)} |`,
    );
  const more = r.findings.length > o.top ? [`\n… ${r.findings.length - o.top} more`] : [];
  return [
    `**Findings** (${r.findings.length})`,
    "",
    "| severity | rule | bytes | message |",
    "|---|---|---:|---|",
    ...rows,
    ...more,
  ].join("\n");
}

function layers(r: ImageReport): string {
  const rows = r.layers.map(
    (l) =>
      `| ${l.index} | ${humanBytes(l.compressedSize)} | ${humanBytes(l.size)} | ${cell(instructionOf(l.createdBy) || "(unknown)", 120)} |`,
  );
  return details(
    `Layers (${r.layerCount})`,
    ["| # | compressed | size | instruction |", "|---:|---:|---:|---|", ...rows].join("\n"),
  );
}

function waste(r: ImageReport, o: MarkdownOptions): string {
  if (!r.waste.items.length) return "";
  const rows = r.waste.items
    .slice(0, o.top)
    .map(
      (w) =>
        `| ${humanBytes(w.size)} | ${codeCell(w.path)} | ${w.kind} | ${w.layer}: ${cell(instructionOf(w.createdBy), 60)} | ${w.hiddenBy}: ${cell(instructionOf(w.hiddenByCreatedBy), 60)} |`,
    );
  return details(
    `Reclaimable bytes: ${humanBytes(r.waste.reclaimable)} in ${r.waste.items.length} items`,
    [
      "| bytes | path | how | written by layer | hidden by layer |",
      "|---:|---|---|---|---|",
      ...rows,
    ].join("\n"),
  );
}

function largest(r: ImageReport, o: MarkdownOptions): string {
  if (!r.largestDirectories.length) return "";
  const rows = r.largestDirectories
    .slice(0, o.top)
    .map((d) => `| ${humanBytes(d.size)} | ${codeCell(d.path)} | ${d.files ?? ""} |`);
  return details(
    "Largest directories",
    ["| bytes | directory | files |", "|---:|---|---:|", ...rows].join("\n"),
  );
}

function costTable(e: CostEstimate, currency = "$"): string {
  const rows = costRows(e, currency).map(([k, v]) => `| ${k} | ${v} |`);
  return [
    `**Cost**`,
    "",
    "| | |",
    "|---|---|",
    ...rows,
    "",
    `<sub>${assumptions(e.inputs, currency)}</sub>`,
  ].join("\n");
}
