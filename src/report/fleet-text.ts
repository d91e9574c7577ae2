import type { FleetReport } from "../model/fleet.js";
import { humanBytes, percent } from "./units.js";

/** Registry-provided names are printed with control characters shown as escapes. */
const safe = (s: string) =>
  s.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
const short = (digest: string) => digest.replace(/^(sha\d+:)([a-f0-9]{12}).*$/, "$1$2");
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The fleet report as text: totals first, then the lists the report holds. */
export function renderFleetText(r: FleetReport): string {
  const s = r.storage;
  const lines = [
    `Registry ${safe(r.registry)}: ${plural(r.scanned.repositories, "repository", "repositories")}, ${plural(r.scanned.tags, "tag")}, ${plural(r.scanned.images, "image")}${r.scanned.failed ? ` (${r.scanned.failed} failed)` : ""}`,
    "",
    "Storage",
    `  referenced by images   ${humanBytes(s.referencedBytes)} (every image's layers counted for each image)`,
    `  stored (unique layers) ${humanBytes(s.uniqueBytes)} in ${plural(s.distinctLayers, "layer")}${s.referencedBytes ? `, dedup saves ${percent(1 - s.uniqueBytes / s.referencedBytes)}` : ""}`,
    `  shared layers          ${plural(s.sharedLayers, "layer")} used by 2+ images, ${humanBytes(s.sharedLayerBytes)}`,
    `  reclaimable            ${humanBytes(r.reclaimableBytes)} hidden by later layers, over all images`,
    `  cost                   $${r.cost.storageMonthly.toFixed(2)}/month storage + $${r.cost.egressMonthly.toFixed(2)}/month egress (newest image per repository)`,
    "",
    "Heaviest images (pull size)",
    ...r.images.map(
      (i) =>
        `  ${humanBytes(i.pullBytes).padStart(9)}  ${safe(i.repository)}:${safe(i.tags.join(","))}${i.platform ? ` (${i.platform})` : ""}  ${plural(i.layers, "layer")}, reclaimable ${humanBytes(i.reclaimableBytes)}, base ${safe(i.base)}`,
    ),
    ...more(r.truncated.images),
    "",
    "Heaviest layers",
    ...r.layers.map(
      (l) =>
        `  ${humanBytes(l.compressedSize).padStart(9)}  ${short(l.digest)}  ${plural(l.images, "image")} in ${safe(l.repositories.slice(0, 3).join(", "))}${l.repositories.length > 3 ? ", …" : ""}`,
    ),
    ...more(r.truncated.layers),
  ];
  if (r.nearDuplicates.length) {
    lines.push("", "Near-duplicate layers");
    for (const d of r.nearDuplicates)
      lines.push(
        `  ${short(d.a)} ~ ${short(d.b)}  ${d.kind === "same-content" ? "same content, stored twice" : `${percent(d.similarity)} identical`} (${humanBytes(d.sharedBytes)})`,
      );
    lines.push(...more(r.truncated.nearDuplicates));
  }
  lines.push("", "Bases in use");
  for (const b of r.bases)
    lines.push(
      `  ${safe(b.name)}: ${plural(b.images, "image")}, ${plural(b.variants.length, "variant")}${b.consolidationSavesBytes ? `; one base for all would save ${humanBytes(b.consolidationSavesBytes)}` : ""}`,
    );
  if (r.findings.length) {
    lines.push("", "Findings across the fleet");
    for (const f of r.findings)
      lines.push(
        `  ${f.rule} (${f.severity}): ${plural(f.images, "image")}${f.bytes ? `, ${humanBytes(f.bytes)}` : ""} — e.g. ${safe(f.examples.join(", "))}`,
      );
    lines.push(...more(r.truncated.findings));
  }
  if (r.errors.length) {
    lines.push("", "Not scanned");
    for (const e of r.errors) lines.push(`  ${safe(e.subject)}: ${safe(e.error)}`);
  }
  lines.push(
    "",
    `Read ${plural(r.read.layersRead, "layer")} (${humanBytes(r.read.layerBytesRead)}); ${plural(r.read.storeHits, "layer")} served by the store.`,
  );
  return `${lines.join("\n")}\n`;
}

const more = (n: number) => (n ? [`  … and ${n} more (--top 0 lists all)`] : []);
