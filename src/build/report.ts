import { humanBytes } from "../report/units.js";
import { saved, type Comparison, type Measure } from "./measure.js";

const pct = (part: number, whole: number) =>
  whole > 0 ? ` (${((100 * part) / whole).toFixed(1)} %)` : "";

/** Text table of a comparison: before, after, saved, then what each fix group saved. */
export function renderComparison(c: Comparison, names: { before: string; after: string }): string {
  const rows: string[][] = [
    ["", "compressed", "uncompressed", "layers", "reclaimable"],
    row(`before  ${names.before}`, c.before),
    row(`after   ${names.after}`, c.after),
  ];
  const s = saved(c.before, c.after);
  rows.push([
    "saved",
    `${humanBytes(s.compressed)}${pct(s.compressed, c.before.compressed)}`,
    `${humanBytes(s.uncompressed)}${pct(s.uncompressed, c.before.uncompressed)}`,
    String(s.layers),
    humanBytes(s.reclaimable),
  ]);
  let out = `measured with ${c.builder} (sizes from the exported images)\n${table(rows)}`;
  if (c.steps.length > 0) {
    out += "\nby fix, applied cumulatively in this order (each step built and measured):\n";
    const stepRows: string[][] = [["fix", "compressed saved", "uncompressed saved", "layers"]];
    let prev = c.before;
    for (const step of c.steps) {
      const d = saved(prev, step.measure);
      stepRows.push([
        step.label,
        humanBytes(d.compressed),
        humanBytes(d.uncompressed),
        signed(-d.layers),
      ]);
      prev = step.measure;
    }
    out += table(stepRows);
  }
  return out;
}

function row(label: string, m: Measure): string[] {
  return [
    label,
    humanBytes(m.compressed),
    humanBytes(m.uncompressed),
    String(m.layerCount),
    humanBytes(m.reclaimable),
  ];
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return `${rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}
