import type { FleetReport } from "../model/fleet.js";
import { humanBytes, percent } from "./units.js";

const esc = (s: string) =>
  s
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "\ufffd");
const short = (digest: string) => esc(digest.replace(/^(sha\d+:)([a-f0-9]{12}).*$/, "$1$2"));

function table(head: string[], rows: string[][], numeric: number[] = []): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ""}>${c}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<div class="scroll"><table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** The fleet report as one self-contained page (no scripts, no external requests). */
export function renderFleetHtml(r: FleetReport): string {
  const s = r.storage;
  const sections = [
    `<h1>Registry ${esc(r.registry)}</h1>`,
    `<p>${r.scanned.repositories} repositories, ${r.scanned.tags} tags, ${r.scanned.images} images${r.scanned.failed ? `, ${r.scanned.failed} failed` : ""}.</p>`,
    `<h2>Storage</h2>`,
    table(
      ["", "bytes"],
      [
        ["referenced by images", humanBytes(s.referencedBytes)],
        [`stored (${s.distinctLayers} unique layers)`, humanBytes(s.uniqueBytes)],
        [`shared (${s.sharedLayers} layers in 2+ images)`, humanBytes(s.sharedLayerBytes)],
        ["reclaimable (hidden by later layers)", humanBytes(r.reclaimableBytes)],
        ["cost per month (storage + egress)", `$${r.cost.monthly.toFixed(2)}`],
      ],
      [1],
    ),
    `<h2>Heaviest images</h2>`,
    table(
      ["image", "pull", "uncompressed", "reclaimable", "layers", "base", "findings"],
      r.images.map((i) => [
        `${esc(i.repository)}:${esc(i.tags.join(", "))}${i.platform ? ` (${esc(i.platform)})` : ""}`,
        humanBytes(i.pullBytes),
        humanBytes(i.uncompressedBytes),
        humanBytes(i.reclaimableBytes),
        String(i.layers),
        esc(i.base),
        String(i.findings),
      ]),
      [1, 2, 3, 4, 6],
    ),
    `<h2>Heaviest layers</h2>`,
    table(
      ["layer", "compressed", "images", "repositories"],
      r.layers.map((l) => [
        `<code>${short(l.digest)}</code>`,
        humanBytes(l.compressedSize),
        String(l.images),
        esc(l.repositories.join(", ")),
      ]),
      [1, 2],
    ),
    `<h2>Near-duplicate layers</h2>`,
    table(
      ["layers", "kind", "shared"],
      r.nearDuplicates.map((d) => [
        `<code>${short(d.a)}</code> ~ <code>${short(d.b)}</code>`,
        d.kind === "same-content" ? "same content" : `${percent(d.similarity)} identical`,
        humanBytes(d.sharedBytes),
      ]),
      [2],
    ),
    `<h2>Bases in use</h2>`,
    table(
      ["base", "images", "variants", "one base would save"],
      r.bases.map((b) => [
        esc(b.name),
        String(b.images),
        String(b.variants.length),
        humanBytes(b.consolidationSavesBytes),
      ]),
      [1, 2, 3],
    ),
    `<h2>Findings across the fleet</h2>`,
    table(
      ["rule", "severity", "images", "examples"],
      r.findings.map((f) => [
        esc(f.rule),
        esc(f.severity),
        String(f.images),
        esc(f.examples.join(", ")),
      ]),
      [2],
    ),
  ];
  if (r.errors.length)
    sections.push(
      `<h2>Not scanned</h2>`,
      table(
        ["subject", "error"],
        r.errors.map((e) => [esc(e.subject), esc(e.error)]),
      ),
    );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ballast scan: ${esc(r.registry)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:12px;color:#1b1b1b}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}
th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td.n{text-align:right;white-space:nowrap}code{font-size:12px}
</style></head><body>
${sections.join("\n")}
</body></html>
`;
}
