import type { CostEstimate } from "../../analysis/cost.js";
import type { GateOutcome } from "../../analysis/gate.js";
import { instructionOf } from "../../model/history.js";
import type { SizeTree } from "../../analysis/size-tree.js";
import type { ImageReport } from "../../model/report.js";
import { assumptions, costRows } from "../cost-format.js";
import { humanBytes, percent } from "../units.js";
import { escapeXml as esc, layoutTreemap, treemapSvg } from "./treemap.js";
import { blobWord, count } from "../plural.js";

/** Docs shown with a finding (the detector's meta), passed in by the command. */
export interface RuleDocs {
  id: string;
  summary: string;
  docs?: { what: string; why: string; example: string; useInstead: string };
}

export const TREEMAP = { width: 1100, height: 560 };
/** Layer chart geometry: bar lengths are bytes / largest × BAR_WIDTH (the test reads this). */
export const CHART = { width: 1100, left: 44, barWidth: 720, row: 40 };

export const card = (k: string, v: string, s = "", cls = "") =>
  `<div class="card"><div class="k">${esc(k)}</div><div class="v ${cls}">${esc(v)}</div><div class="s">${esc(s)}</div></div>`;

export function summaryCards(r: ImageReport): string {
  const share = r.size.uncompressed ? r.waste.reclaimable / r.size.uncompressed : 0;
  return `<section class="cards" id="summary">${[
    card(blobWord(r.layers), humanBytes(r.size.compressed), count(r.layerCount, "layer")),
    card("uncompressed", humanBytes(r.size.uncompressed), "sum of layer files"),
    card("final filesystem", humanBytes(r.size.visible), count(r.size.files, "file")),
    card(
      "reclaimable",
      humanBytes(r.waste.reclaimable),
      `${percent(share)}: ${humanBytes(r.waste.shadowed)} overwritten, ${humanBytes(r.waste.deleted)} deleted`,
      r.waste.reclaimable ? "warn" : "good",
    ),
    card(
      "duplicate files",
      humanBytes(r.duplicates.bytes),
      count(r.duplicates.groups.length, "group"),
    ),
    card(
      "dive efficiency",
      percent(r.dive.efficiency, 2),
      `${humanBytes(r.dive.wastedBytes)} wasted`,
    ),
    card("findings", String(r.findings.length), severityCounts(r)),
  ].join("")}</section>`;
}

function severityCounts(r: ImageReport): string {
  const counts = new Map<string, number>();
  for (const f of r.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(", ");
}

export function treemapSection(
  tree: SizeTree | undefined,
  title = "Final filesystem by directory",
): string {
  if (!tree?.children?.length) return "";
  const cells = layoutTreemap(tree, "/", TREEMAP.width, TREEMAP.height);
  return `<section id="fs"><h2>${esc(title)}</h2>
<p class="muted">Area is bytes of regular files (${humanBytes(tree.size)} in ${count(tree.files, "file")}). Click a directory (or Tab to it and press Enter) to zoom in; the path above goes back. Pick a layer below to see the files it wrote.</p>
<div class="treemap-bar"><span id="treemap-title">Final filesystem</span> <span class="toggle" id="treemap-colour" role="group" aria-label="colour by">colour by <button type="button" data-colour="directory" aria-pressed="true">directory</button><button type="button" data-colour="layer" aria-pressed="false">layer</button><button type="button" data-colour="waste" aria-pressed="false">waste</button></span></div>
<nav id="treemap-path" aria-label="treemap path"><button type="button" data-path="/">/</button></nav>
<svg id="treemap" viewBox="0 0 ${TREEMAP.width} ${TREEMAP.height}" data-width="${TREEMAP.width}" data-height="${TREEMAP.height}" data-root="/" aria-label="treemap of the final filesystem">${treemapSvg(cells)}</svg></section>`;
}

export interface ChartLayer {
  index: number;
  compressed: number;
  size: number;
  createdBy: string;
  /** "shared" / "added" / "removed" in a diff; plain otherwise. */
  mark?: string;
}

/**
 * Horizontal bars per layer, compressed above uncompressed, each under its instruction.
 * `width` is the drawing's width in CSS pixels: the page's script redraws the chart at the
 * width it has on a phone, so that its text stays 11 px high instead of shrinking with it.
 */
export function layerChart(layers: ChartLayer[], id = "layer-chart", width = CHART.width): string {
  const max = Math.max(1, ...layers.map((l) => Math.max(l.compressed, l.size)));
  const barWidth = width === CHART.width ? CHART.barWidth : Math.max(60, width - CHART.left - 120);
  const w = (n: number) => Math.round((n / max) * barWidth * 10) / 10;
  const chars = Math.floor((width - CHART.left) / 6.7);
  const rows = layers.map((l, i) => {
    const y = i * CHART.row;
    const instr = instructionOf(l.createdBy).replace(/\s+/g, " ") || "(unknown instruction)";
    const text = instr.length > chars ? `${instr.slice(0, chars - 1)}…` : instr;
    return `<g class="layer${l.mark ? ` ${l.mark}` : ""}" tabindex="0" role="button" aria-label="layer ${l.index}: ${esc(text)}, ${humanBytes(l.size)}" data-layer="${l.index}"><rect class="hit" x="0" y="${y}" width="${width}" height="${CHART.row}" fill="transparent"></rect>
<text x="0" y="${y + 24}">${l.mark === "added" ? "+" : l.mark === "removed" ? "−" : "#"}${l.index}</text>
<text class="instr" x="${CHART.left}" y="${y + 11}">${esc(text)}<title>${esc(instr)}</title></text>
<rect class="bar compressed" x="${CHART.left}" y="${y + 15}" width="${w(l.compressed)}" height="9" data-bytes="${l.compressed}"><title>compressed ${humanBytes(l.compressed)}</title></rect>
<rect class="bar uncompressed" x="${CHART.left}" y="${y + 25}" width="${w(l.size)}" height="9" data-bytes="${l.size}"><title>uncompressed ${humanBytes(l.size)}</title></rect>
<text x="${CHART.left + w(Math.max(l.compressed, l.size)) + 6}" y="${y + 31}">${humanBytes(l.compressed)} / ${humanBytes(l.size)}</text></g>`;
  });
  return `<p class="legend"><span class="compressed"></span>compressed (what a node pulls) <span class="uncompressed"></span>uncompressed (what the layer writes)</p>
<svg id="${id}" class="chart" viewBox="0 0 ${width} ${layers.length * CHART.row + 4}" data-max-bytes="${max}" data-bar-width="${barWidth}" aria-label="layer sizes">${rows.join("")}</svg>`;
}

export function wasteTable(r: ImageReport, top: number): string {
  if (!r.waste.items.length)
    return `<section id="waste"><h2>Reclaimable bytes</h2><p class="good">Nothing: every byte the layers wrote is visible in the final filesystem.</p></section>`;
  const rows = r.waste.items
    .slice(0, top)
    .map(
      (w) =>
        `<tr><td class="num">${humanBytes(w.size)}</td><td class="path">${esc(w.path)}</td><td>${w.kind}${w.files > 1 ? ` (${w.files} files)` : ""}</td><td class="instr">#${w.layer} ${esc(clip(instructionOf(w.createdBy), 90))}</td><td class="instr">#${w.hiddenBy} ${esc(clip(instructionOf(w.hiddenByCreatedBy), 90))}</td></tr>`,
    );
  const more =
    r.waste.items.length > top
      ? `<p class="muted">${r.waste.items.length - top} smaller items not shown.</p>`
      : "";
  return `<section id="waste"><h2>Reclaimable bytes: ${humanBytes(r.waste.reclaimable)}</h2>
<p class="muted">Bytes a layer wrote that a later layer overwrote or deleted: they are still pulled and stored. Blame: the layer that wrote them and the one that hid them.</p>
<input type="search" data-filter="waste-table" placeholder="filter paths or instructions" aria-label="filter">
<div class="scroll"><table id="waste-table"><thead><tr><th class="num">bytes</th><th>path</th><th>how</th><th>written by</th><th>hidden by</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>${more}</section>`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function findingsSection(r: ImageReport, rules: RuleDocs[] = []): string {
  if (!r.findings.length)
    return `<section id="findings"><h2>Findings</h2><p class="good">No findings.</p></section>`;
  const docs = new Map(rules.map((d) => [d.id, d]));
  const rows = r.findings.map(
    (f) =>
      `<tr><td><span class="sev sev-${f.severity}">${f.severity}</span></td><td><code>${esc(f.rule)}</code></td><td class="num">${f.bytes ? humanBytes(f.bytes) : ""}</td><td>${esc(f.message)}</td></tr>`,
  );
  const explained = [...new Set(r.findings.map((f) => f.rule))].flatMap((id) => {
    const d = docs.get(id);
    if (!d?.docs) return [];
    return [
      `<details id="doc-${esc(id)}"><summary><code>${esc(id)}</code>: ${esc(d.summary)}</summary><p><b>What it does.</b> ${esc(d.docs.what)}</p><p><b>Why it matters.</b> ${esc(d.docs.why)}</p><p><b>Example</b></p><pre>${esc(d.docs.example)}</pre><p><b>Use instead</b></p><pre>${esc(d.docs.useInstead)}</pre></details>`,
    ];
  });
  return `<section id="findings"><h2>Findings (${r.findings.length})</h2>
<div class="scroll"><table id="findings-table"><thead><tr><th>severity</th><th>rule</th><th class="num">bytes</th><th>message</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>
${explained.length ? `<h3>What the findings mean</h3>${explained.join("")}` : ""}</section>`;
}

export function costSection(e: CostEstimate | undefined, currency = "$"): string {
  if (!e) return "";
  const rows = costRows(e, currency).map(
    ([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`,
  );
  return `<section id="cost"><h2>Cost</h2><table class="cost">${rows.join("")}</table><p class="muted">Assumptions: ${esc(assumptions(e.inputs, currency))}. 1 GB = 10⁹ bytes; pull time is transfer time only.</p></section>`;
}

export function gatesSection(g: { outcome: GateOutcome; source: string } | undefined): string {
  if (!g) return "";
  const rows = g.outcome.results.map(
    (x) =>
      `<tr><td class="${x.status === "FAIL" ? "bad" : x.status === "PASS" ? "good" : "muted"}">${x.status}</td><td><code>${esc(x.rule)}</code></td><td>${esc(x.message)}</td></tr>`,
  );
  return `<section id="ci"><h2>CI: <span class="${g.outcome.pass ? "good" : "bad"}">${g.outcome.pass ? "PASS" : "FAIL"}</span></h2><p class="muted">Rules from ${esc(g.source)}.</p><table><tbody>${rows.join("")}</tbody></table></section>`;
}
