import type { Delta, ImageDiff, PathChange } from "../../analysis/diff.js";
import { assumptions, duration, money } from "../cost-format.js";
import { humanBytes, percent } from "../units.js";
import { relative } from "../delta-format.js";
import { card, CHART, layerChart, type ChartLayer } from "./sections.js";
import { escapeXml as esc } from "./treemap.js";

const signed = (n: number) => (n > 0 ? `+${humanBytes(n)}` : n < 0 ? humanBytes(n) : "±0 B");
const rel = relative;
const tone = (n: number) => (n < 0 ? "good" : n > 0 ? "bad" : "");

export function diffCards(d: ImageDiff, currency = "$"): string {
  const c = d.cost;
  return `<section class="cards" id="summary">${[
    card(
      "compressed",
      signed(d.size.compressed.delta),
      `${humanBytes(d.size.compressed.before)} → ${humanBytes(d.size.compressed.after)}${rel(d.size.compressed)}`,
      tone(d.size.compressed.delta),
    ),
    card(
      "uncompressed",
      signed(d.size.uncompressed.delta),
      `${humanBytes(d.size.uncompressed.before)} → ${humanBytes(d.size.uncompressed.after)}${rel(d.size.uncompressed)}`,
      tone(d.size.uncompressed.delta),
    ),
    card(
      "final filesystem",
      signed(d.size.visible.delta),
      `${d.size.files.before} → ${d.size.files.after} files`,
      tone(d.size.visible.delta),
    ),
    card(
      "reclaimable",
      signed(d.size.reclaimable.delta),
      `${humanBytes(d.size.reclaimable.before)} → ${humanBytes(d.size.reclaimable.after)}`,
      tone(d.size.reclaimable.delta),
    ),
    card(
      "cost per month",
      `${money(c.before.monthly, currency)} → ${money(c.after.monthly, currency)}`,
      c.saving === null
        ? ""
        : c.saving >= 0
          ? `${percent(c.saving)} saved`
          : `${percent(-c.saving)} more`,
      tone(c.monthlyDelta),
    ),
    card(
      "pull time",
      `${duration(c.before.pull.coldSeconds)} → ${duration(c.after.pull.coldSeconds)}`,
      `update from the old image: ${duration(c.upgrade.pullSeconds)}`,
    ),
    ...(d.packages
      ? [
          card(
            "packages",
            `−${d.packages.removed.length} +${d.packages.added.length}`,
            `${d.packages.changed.length} changed version (${d.packages.manager})`,
          ),
        ]
      : []),
  ].join("")}</section>`;
}

/** Paired bars, before above after, on one scale: the before/after picture at a glance. */
export function beforeAfterChart(d: ImageDiff): string {
  const metrics: [string, Delta][] = [
    ["compressed", d.size.compressed],
    ["uncompressed", d.size.uncompressed],
    ["final filesystem", d.size.visible],
    ["reclaimable", d.size.reclaimable],
  ];
  const max = Math.max(1, ...metrics.flatMap(([, x]) => [x.before, x.after]));
  const w = (n: number) => Math.round((n / max) * CHART.barWidth * 10) / 10;
  const left = 130;
  const rows = metrics.map(([label, x], i) => {
    const y = i * 36;
    return `<g data-metric="${label}"><text x="0" y="${y + 20}">${label}</text>
<rect class="bar compressed" x="${left}" y="${y + 4}" width="${w(x.before)}" height="12" data-bytes="${x.before}"><title>before ${humanBytes(x.before)}</title></rect>
<rect class="bar added" x="${left}" y="${y + 18}" width="${w(x.after)}" height="12" data-bytes="${x.after}"><title>after ${humanBytes(x.after)}</title></rect>
<text x="${left + w(Math.max(x.before, x.after)) + 6}" y="${y + 20}">${humanBytes(x.before)} → ${humanBytes(x.after)}</text></g>`;
  });
  return `<section id="before-after"><h2>Before and after</h2><p class="legend"><span class="compressed"></span>before <span class="added"></span>after</p>
<svg id="before-after-chart" class="chart" viewBox="0 0 ${CHART.width} ${metrics.length * 36}" role="img" aria-label="sizes before and after">${rows.join("")}</svg></section>`;
}

export function diffLayers(d: ImageDiff): string {
  const L = d.layers;
  const layers: ChartLayer[] = [
    ...L.shared.map((s) => ({
      index: s.after,
      compressed: s.compressedSize,
      size: s.size,
      createdBy: s.createdBy,
      mark: "shared",
    })),
    ...L.added.map((l) => ({
      index: l.index,
      compressed: l.compressedSize,
      size: l.size,
      createdBy: l.createdBy,
      mark: "added",
    })),
    ...L.removed.map((l) => ({
      index: l.index,
      compressed: l.compressedSize,
      size: l.size,
      createdBy: l.createdBy,
      mark: "removed",
    })),
  ];
  const base = L.sharedBase.layers
    ? `${L.sharedBase.layers} shared base layer(s), ${humanBytes(L.sharedBase.compressedSize)} compressed: a node that runs the old image pulls only ${humanBytes(d.cost.upgrade.pullBytes)}.`
    : "No layer in common at the bottom of the two images.";
  return `<section id="layers"><h2>Layers: ${L.shared.length} shared, ${L.removed.length} removed, ${L.added.length} added</h2><p class="muted">${esc(base)} Layers match by diff ID; # shared, + new in the after image, − only in the before image.</p>${layerChart(layers)}</section>`;
}

export function pathTables(d: ImageDiff, top: number): string {
  const P = d.paths;
  const table = (id: string, title: string, list: PathChange[]) =>
    list.length
      ? `<h3>${title} (${list.length})</h3><input type="search" data-filter="${id}" placeholder="filter paths" aria-label="filter ${title}"><table id="${id}"><thead><tr><th class="num">change</th><th>path</th><th>kind</th></tr></thead><tbody>${list
          .slice(0, top)
          .map(
            (p) =>
              `<tr><td class="num ${tone(p.delta)}">${signed(p.delta)}</td><td class="path">${esc(p.path)}</td><td>${esc(p.reasons?.join(", ") ?? p.kind)}</td></tr>`,
          )
          .join(
            "",
          )}</tbody></table>${list.length > top ? `<p class="muted">${list.length - top} more not shown (JSON output lists all).</p>` : ""}`
      : "";
  const dirs = P.directories
    .map(
      (x) =>
        `<tr><td class="num ${tone(x.delta)}">${signed(x.delta)}</td><td class="path">${esc(x.path)}</td><td class="num">${x.paths}</td></tr>`,
    )
    .join("");
  const t = P.totals;
  return `<section id="paths"><h2>Paths${P.include ? ` matching ${esc(P.include.join(", "))}` : ""}</h2>
<p>${t.removed.count} removed (${humanBytes(t.removed.bytes)}), ${t.added.count} added (${humanBytes(t.added.bytes)}), ${t.changed.count} changed (${signed(t.changed.delta)}).</p>
${dirs ? `<h3>By directory</h3><table id="dir-table"><thead><tr><th class="num">change</th><th>directory</th><th class="num">paths</th></tr></thead><tbody>${dirs}</tbody></table>` : ""}
${table("removed-table", "Removed", P.removed)}${table("added-table", "Added", P.added)}${table("changed-table", "Changed", P.changed)}</section>`;
}

export function packageTable(d: ImageDiff, top: number): string {
  const p = d.packages;
  if (!p) return "";
  const size = (n?: number) => (n === undefined ? "" : humanBytes(n));
  const rows = [
    ...p.removed
      .slice(0, top)
      .map(
        (x) =>
          `<tr><td class="good">removed</td><td><code>${esc(x.name)}</code></td><td>${esc(x.version)}</td><td class="num">${size(x.size)}</td></tr>`,
      ),
    ...p.added
      .slice(0, top)
      .map(
        (x) =>
          `<tr><td class="bad">added</td><td><code>${esc(x.name)}</code></td><td>${esc(x.version)}</td><td class="num">${size(x.size)}</td></tr>`,
      ),
    ...p.changed
      .slice(0, top)
      .map(
        (x) =>
          `<tr><td>changed</td><td><code>${esc(x.name)}</code></td><td>${esc(x.before)} → ${esc(x.after)}</td><td class="num">${x.sizeDelta === undefined ? "" : signed(x.sizeDelta)}</td></tr>`,
      ),
  ];
  return `<section id="packages"><h2>Packages (${p.manager}): ${p.removed.length} removed, ${p.added.length} added, ${p.changed.length} changed</h2>${p.truncated ? `<p class="warn">A package database was read only in part: the lists may be incomplete.</p>` : ""}<table id="package-table"><thead><tr><th></th><th>package</th><th>version</th><th class="num">installed size</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

export function diffFindings(d: ImageDiff): string {
  const { fixed, introduced, remaining } = d.findings;
  const rows = [
    ...fixed.map(
      (f) =>
        `<tr><td class="good">fixed</td><td><code>${esc(f.rule)}</code></td><td>${esc(f.message)}</td></tr>`,
    ),
    ...introduced.map(
      (f) =>
        `<tr><td class="bad">introduced</td><td><code>${esc(f.rule)}</code></td><td>${esc(f.message)}</td></tr>`,
    ),
    ...remaining.map(
      (f) =>
        `<tr><td>still firing</td><td><code>${esc(f.rule)}</code></td><td>${f.before.bytes || f.after.bytes ? `${humanBytes(f.before.bytes)} → ${humanBytes(f.after.bytes)}` : `${f.before.count} → ${f.after.count}`}</td></tr>`,
    ),
  ];
  return `<section id="findings"><h2>Findings: ${fixed.length} fixed, ${introduced.length} introduced</h2>${rows.length ? `<table id="findings-table"><tbody>${rows.join("")}</tbody></table>` : `<p class="muted">No findings in either image.</p>`}</section>`;
}

export function diffCost(d: ImageDiff, currency = "$"): string {
  const { before: b, after: a } = d.cost;
  const row = (k: string, x: string, y: string) =>
    `<tr><th>${k}</th><td class="num">${x}</td><td class="num">${y}</td></tr>`;
  return `<section id="cost"><h2>Cost</h2><table class="cost"><thead><tr><th></th><th class="num">before</th><th class="num">after</th></tr></thead><tbody>
${row("registry storage / month", money(b.storage.monthly, currency), money(a.storage.monthly, currency))}
${row("deploy egress / month", money(b.egress.monthly, currency), money(a.egress.monthly, currency))}
${row("total / month", money(b.monthly, currency), money(a.monthly, currency))}
${row("pull time", duration(b.pull.coldSeconds), duration(a.pull.coldSeconds))}</tbody></table>
<p class="muted">Assumptions: ${esc(assumptions(a.inputs, currency))}. 1 GB = 10⁹ bytes; pull time is transfer time only.</p></section>`;
}
