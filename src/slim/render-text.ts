import { humanBytes } from "../report/units.js";
import type { SlimSummary } from "./summary.js";

/** Paths come from the image: control characters are shown escaped, never sent to the terminal. */
const printable = (s: string): string =>
  s.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );

/** The text report of `ballast slim` (and of `--dry-run`). */
export function renderSlimText(s: SlimSummary, destination?: string): string {
  const lines: string[] = [];
  const verb = s.dryRun ? "would remove" : "removed";
  const squashed = s.squashedLayers.length
    ? `layers ${s.squashedLayers[0]}–${s.squashedLayers.at(-1)} into one`
    : "nothing";
  lines.push(
    `${s.dryRun ? "Dry run: " : ""}${printable(s.source)}${destination ? ` → ${printable(destination)}` : ""}`,
  );
  lines.push(`  squash: ${squashed}; ${s.keptLayers} base layer(s) kept as they are`);
  lines.push(
    `  squash ${verb} ${humanBytes(s.squash.hiddenBytes)} of deleted or overwritten files`,
  );
  for (const l of s.squash.byLayer)
    lines.push(`    layer ${l.layer}: ${humanBytes(l.bytes)}  ${printable(clip(l.createdBy))}`);
  if (s.squash.baseHiddenBytes > 0)
    lines.push(
      `    (${humanBytes(s.squash.baseHiddenBytes)} hidden in the base layers stays: --squash all drops it)`,
    );
  for (const t of s.strip) {
    lines.push(`  strip ${t.set}: ${verb} ${humanBytes(t.bytes)} in ${t.files} file(s)`);
    for (const l of t.byLayer)
      lines.push(
        `    layer ${l.layer}: ${humanBytes(l.bytes)} in ${l.files} file(s)  ${printable(clip(l.createdBy))}`,
      );
    for (const p of t.examples) lines.push(`      ${printable(p)}`);
    if (t.keptOwnedBytes > 0)
      lines.push(
        `    kept ${humanBytes(t.keptOwnedBytes)} that installed packages own (--aggressive removes it; config files always stay)`,
      );
    if (t.inBaseBytes > 0)
      lines.push(
        `    kept ${humanBytes(t.inBaseBytes)} in the base layers (--squash all reaches it)`,
      );
  }
  lines.push(
    `  before: ${s.before.layers} layers, ${humanBytes(s.before.storedBytes)} stored, ${humanBytes(s.before.tarBytes)} uncompressed`,
  );
  if (s.after)
    lines.push(
      `  after:  ${s.after.layers} layers, ${humanBytes(s.after.storedBytes)} stored, ${humanBytes(s.after.tarBytes)} uncompressed (new layer ${s.after.newLayer.digest})`,
    );
  else lines.push(`  the new layer would hold ${humanBytes(s.newLayerFileBytes)} of files`);
  return `${lines.join("\n")}\n`;
}

function clip(text: string, width = 60): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length <= width ? one : `${one.slice(0, width - 1)}…`;
}
