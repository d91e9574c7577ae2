import type { LayerWalk } from "../../analysis/layer-walk.js";
import { instructionOf } from "../../model/history.js";
import type { ImageReport } from "../../model/report.js";
import { humanBytes } from "../units.js";
import { escapeXml as esc } from "./treemap.js";

/**
 * The walk through the layers: a button per layer (the page's script shows that layer's
 * files in the treemap), and for each layer the files it added and modified, largest first,
 * with the layer that hid them when their bytes are waste. Readable without the script.
 */
export function layerWalkSection(r: ImageReport, walk: LayerWalk[]): string {
  if (!walk.length) return "";
  const buttons = [
    `<button type="button" data-layer="final" aria-pressed="true">final filesystem</button>`,
    ...walk.map(
      (w) =>
        `<button type="button" data-layer="${w.layer}" aria-pressed="false">#${w.layer} <span class="added">+${w.counts.added}</span> <span class="modified">~${w.counts.modified}</span> <span class="removed">−${w.counts.deleted}</span></button>`,
    ),
  ];
  const layers = walk.map((w) => layerDetails(r, w));
  return `<section id="walk"><h2>Files each layer added</h2>
<p class="muted">Pick a layer to see its files in the treemap above and its list below. A = added, M = modified; “hidden by” names the later layer that overwrote or deleted the file, so its bytes are waste.</p>
<div class="toggle layer-picker" id="layer-picker" role="group" aria-label="treemap layer">${buttons.join("")}</div>
${layers.join("\n")}</section>`;
}

function layerDetails(r: ImageReport, w: LayerWalk): string {
  const l = r.layers[w.layer];
  const instr = instructionOf(l?.createdBy ?? "").replace(/\s+/g, " ") || "(unknown instruction)";
  const rows = w.files.map(
    (f) =>
      `<tr><td class="change ${f.change === "A" ? "added" : "modified"}">${f.change}</td><td class="num">${humanBytes(f.size)}</td><td class="path">${esc(f.path)}</td><td class="num">${f.hiddenBy !== undefined ? `<span class="warn">#${f.hiddenBy}</span>` : ""}</td></tr>`,
  );
  const shown = w.counts.added + w.counts.modified;
  const more =
    shown > w.files.length
      ? `<p class="muted">${shown - w.files.length} smaller files not listed (ballast analyze --layer ${w.layer} lists all).</p>`
      : "";
  const deleted = w.deleted.length
    ? `<p><b>Deleted</b>: ${w.deleted.map((d) => `<code>${esc(d.path)}</code> (${humanBytes(d.size)})`).join(", ")}</p>`
    : "";
  const table = rows.length
    ? `<div class="scroll"><table class="layer-files"><thead><tr><th></th><th class="num">bytes</th><th>path</th><th class="num">hidden by</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`
    : `<p class="muted">No files.</p>`;
  return `<details id="layer-${w.layer}" data-layer="${w.layer}"><summary>#${w.layer} <code>${esc(instr.length > 120 ? `${instr.slice(0, 119)}…` : instr)}</code> — ${humanBytes(l?.size ?? 0)}, +${w.counts.added} ~${w.counts.modified} −${w.counts.deleted}</summary>${table}${more}${deleted}</details>`;
}
