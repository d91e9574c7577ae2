import type { Delta, ImageDiff, PathChange } from "../analysis/diff.js";
import { instructionOf } from "../model/history.js";
import { assumptions, duration, money } from "./cost-format.js";
import { cell, code, codeCell, details } from "./markdown-util.js";
import { humanBytes, percent } from "./units.js";
import { relative } from "./delta-format.js";

export interface DiffMarkdownOptions {
  top: number;
  currency?: string;
}

/** `ballast diff` as a pull-request comment: summary table first, the long lists folded. */
export function renderDiffMarkdown(d: ImageDiff, o: DiffMarkdownOptions): string {
  const parts = [
    `### Image diff: ${code(d.before.reference)} → ${code(d.after.reference)}`,
    sizeTable(d),
    layerTable(d),
    packageList(d, o),
    pathLists(d, o),
    findingList(d),
    costTable(d, o),
  ];
  return `${parts.filter(Boolean).join("\n\n")}\n`;
}

const signed = (n: number) => (n > 0 ? `+${humanBytes(n)}` : n < 0 ? humanBytes(n) : "±0 B");
const rel = relative;

function sizeTable(d: ImageDiff): string {
  const row = (label: string, x: Delta, bytes = true) =>
    bytes
      ? `| ${label} | ${humanBytes(x.before)} | ${humanBytes(x.after)} | **${signed(x.delta)}**${rel(x)} |`
      : `| ${label} | ${x.before} | ${x.after} | ${x.delta > 0 ? "+" : ""}${x.delta} |`;
  return [
    "| | before | after | change |",
    "|---|---:|---:|---:|",
    row("compressed", d.size.compressed),
    row("uncompressed", d.size.uncompressed),
    row("final filesystem", d.size.visible),
    row("reclaimable (wasted)", d.size.reclaimable),
    row("files", d.size.files, false),
    row("layers", d.size.layers, false),
  ].join("\n");
}

function layerTable(d: ImageDiff): string {
  const L = d.layers;
  const rows = [
    ...L.shared.map(
      (s) =>
        `| = | ${s.after} | ${humanBytes(s.compressedSize)} | ${cell(instructionOf(s.createdBy), 100)} |`,
    ),
    ...L.removed.map(
      (l) =>
        `| − | ${l.index} | ${humanBytes(l.compressedSize)} | ${cell(instructionOf(l.createdBy), 100)} |`,
    ),
    ...L.added.map(
      (l) =>
        `| + | ${l.index} | ${humanBytes(l.compressedSize)} | ${cell(instructionOf(l.createdBy), 100)} |`,
    ),
  ];
  const base = L.sharedBase.layers
    ? `${L.sharedBase.layers} shared base layer(s), ${humanBytes(L.sharedBase.compressedSize)} already on nodes that run the old image.`
    : "No shared base layers.";
  return details(
    `Layers: ${L.shared.length} shared, ${L.removed.length} removed, ${L.added.length} added`,
    [base, "", "| | # | compressed | instruction |", "|---|---:|---:|---|", ...rows].join("\n"),
  );
}

function packageList(d: ImageDiff, o: DiffMarkdownOptions): string {
  const p = d.packages;
  if (!p || (!p.added.length && !p.removed.length && !p.changed.length)) return "";
  const item = (mark: string, name: string, version: string, size?: number) =>
    `- ${mark} ${code(name)} ${version}${size === undefined ? "" : ` (${humanBytes(size)})`}`;
  const lines = [
    ...p.removed.slice(0, o.top).map((x) => item("−", x.name, x.version, x.size)),
    ...p.added.slice(0, o.top).map((x) => item("+", x.name, x.version, x.size)),
    ...p.changed.slice(0, o.top).map((x) => `- ~ ${code(x.name)} ${x.before} → ${x.after}`),
  ];
  const hidden = p.removed.length + p.added.length + p.changed.length - lines.length;
  if (hidden > 0) lines.push(`- … ${hidden} more`);
  return details(
    `Packages (${p.manager}): ${p.removed.length} removed, ${p.added.length} added, ${p.changed.length} changed`,
    lines.join("\n"),
  );
}

function pathLists(d: ImageDiff, o: DiffMarkdownOptions): string {
  const P = d.paths;
  const t = P.totals;
  const table = (list: PathChange[]) =>
    [
      "| change | path |",
      "|---:|---|",
      ...list.slice(0, o.top).map((p) => `| ${signed(p.delta)} | ${codeCell(p.path)} |`),
    ].join("\n");
  const dirs = [
    "| change | directory | paths |",
    "|---:|---|---:|",
    ...P.directories
      .slice(0, 10)
      .map((x) => `| ${signed(x.delta)} | ${codeCell(x.path)} | ${x.paths} |`),
  ].join("\n");
  const body = [
    P.directories.length ? `**By directory**\n\n${dirs}` : "",
    P.removed.length
      ? `**Removed** (largest ${Math.min(o.top, P.removed.length)} of ${P.removed.length})\n\n${table(P.removed)}`
      : "",
    P.added.length
      ? `**Added** (largest ${Math.min(o.top, P.added.length)} of ${P.added.length})\n\n${table(P.added)}`
      : "",
    P.changed.length
      ? `**Changed** (largest ${Math.min(o.top, P.changed.length)} of ${P.changed.length})\n\n${table(P.changed)}`
      : "",
  ].filter(Boolean);
  const scope = P.include ? ` matching ${P.include.map(code).join(", ")}` : "";
  return details(
    `Paths${scope}: ${t.removed.count} removed (${humanBytes(t.removed.bytes)}), ${t.added.count} added (${humanBytes(t.added.bytes)}), ${t.changed.count} changed (${signed(t.changed.delta)})`,
    body.join("\n\n") || "No path changed.",
  );
}

function findingList(d: ImageDiff): string {
  const { fixed, introduced, remaining } = d.findings;
  if (!fixed.length && !introduced.length && !remaining.length) return "";
  const tally = (x: { count: number; bytes: number }) =>
    x.bytes ? humanBytes(x.bytes) : `${x.count}×`;
  const lines = [
    ...fixed.map((f) => `- ✅ fixed ${code(f.rule)}: ${cell(f.message, 200)}`),
    ...introduced.map((f) => `- ⚠️ introduced ${code(f.rule)}: ${cell(f.message, 200)}`),
    ...remaining.map(
      (r) => `- ↔️ still firing ${code(r.rule)}: ${tally(r.before)} → ${tally(r.after)}`,
    ),
  ];
  return `**Findings**: ${fixed.length} fixed, ${introduced.length} introduced, ${remaining.length} still firing\n\n${lines.join("\n")}`;
}

function costTable(d: ImageDiff, o: DiffMarkdownOptions): string {
  const { before: b, after: a, saving, upgrade } = d.cost;
  const cur = o.currency ?? "$";
  return [
    "| cost | before | after |",
    "|---|---:|---:|",
    `| registry storage / month | ${money(b.storage.monthly, cur)} | ${money(a.storage.monthly, cur)} |`,
    `| deploy egress / month | ${money(b.egress.monthly, cur)} | ${money(a.egress.monthly, cur)} |`,
    `| **total / month** | ${money(b.monthly, cur)} | **${money(a.monthly, cur)}**${saving === null ? "" : saving >= 0 ? ` (−${percent(saving)})` : ` (+${percent(-saving)})`} |`,
    `| pull time | ${duration(b.pull.coldSeconds)} | ${duration(a.pull.coldSeconds)} |`,
    "",
    `<sub>Update pull for a node that runs the old image: ${humanBytes(upgrade.pullBytes)} (${duration(upgrade.pullSeconds)}). Assumptions: ${assumptions(a.inputs, cur)}.</sub>`,
  ].join("\n");
}
