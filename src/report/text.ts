import pc from "picocolors";
import type { ImageReport, WasteItem } from "../model/report.js";
import { instructionOf } from "../model/history.js";
import { clip, humanBytes, percent } from "./units.js";
import { terminalSafe } from "../model/terminal-text.js";
import { blobWord, count } from "./plural.js";

export interface TextOptions {
  color: boolean;
  /** Terminal width for clipping instructions and paths. */
  width: number;
  /** Rows per section. */
  top: number;
}

type Colors = ReturnType<typeof pc.createColors>;

/** The terminal report of `ballast analyze`. */
export function renderText(report: ImageReport, options: TextOptions): string {
  const r = terminalSafe(report);
  const c = pc.createColors(options.color);
  const sections = [
    summary(r, c),
    base(r, c),
    layers(r, c, options),
    waste(r, c, options),
    duplicates(r, c, options),
    largest(r, c, options),
    findings(r, c, options),
    dive(r, c),
  ];
  return `${sections.filter(Boolean).join("\n\n")}\n`;
}

/** A bold label padded so that the values of the summary lines start in one column. */
const label = (c: Colors, text: string) => c.bold(text.padEnd(13));

function summary(r: ImageReport, c: Colors): string {
  const platform = [r.image.os, r.image.architecture, r.image.variant].filter(Boolean).join("/");
  const share = r.size.uncompressed ? r.waste.reclaimable / r.size.uncompressed : 0;
  return [
    `${label(c, "Image")}${r.image.reference}  ${c.dim(platform)}`,
    `${label(c, "Size")}${humanBytes(r.size.compressed)} ${blobWord(r.layers)}, ${humanBytes(r.size.uncompressed)} uncompressed, ${count(r.layerCount, "layer")}, ${count(r.size.files, "file")}`,
    `${label(c, "Reclaimable")}${c.yellow(humanBytes(r.waste.reclaimable))} (${percent(share)}): ${humanBytes(r.waste.shadowed)} overwritten by later layers, ${humanBytes(r.waste.deleted)} deleted by later layers`,
    `${label(c, "Duplicates")}${humanBytes(r.duplicates.bytes)} in ${r.duplicates.groups.length} group${r.duplicates.groups.length === 1 ? "" : "s"} of identical files`,
  ].join("\n");
}

function base(r: ImageReport, c: Colors): string {
  const b = r.base;
  if (!b) return "";
  const distro = b.distro?.prettyName ?? b.distro?.id ?? b.kind;
  const runtimes = b.runtimes
    .map((rt) => `${rt.name}${rt.version ? ` ${rt.version}` : ""}`)
    .join(", ");
  const lines = [
    `${label(c, "Base image")}${distro}, ${b.baseLayers} base layer${b.baseLayers === 1 ? "" : "s"} (${humanBytes(b.baseBytes)}), your layers ${humanBytes(b.userBytes)}` +
      `; libc ${b.libc}${b.libcVersion ? ` ${b.libcVersion}` : ""}; shell ${b.shell ? "yes" : "no"}${b.packageManagers.length ? `; package managers ${b.packageManagers.join(", ")}` : ""}${runtimes ? `; runtimes ${runtimes}` : ""}`,
  ];
  const rec = b.recommendation;
  if (rec) {
    const images = rec.images.map((i) => `${i.ref}${i.size ? ` (${i.size})` : ""}`).join(" or ");
    lines.push(
      `${label(c, "Instead")}${c.green(images)}: ${rec.why}${rec.expectedSize ? `; expected size ${rec.expectedSize}` : ""}`,
    );
    if (rec.removes.length) lines.push(`${" ".repeat(13)}removes ${rec.removes.join("; ")}`);
    for (const w of rec.warnings) lines.push(c.yellow(`${" ".repeat(13)}! ${w}`));
  }
  return lines.join("\n");
}

function layers(r: ImageReport, c: Colors, o: TextOptions): string {
  const head = c.bold(
    `${"#".padStart(3)}  ${blobWord(r.layers).padStart(10)}  ${"size".padStart(9)}  ${"+add ~mod -del".padStart(16)}  instruction`,
  );
  const fixed = 3 + 2 + 10 + 2 + 9 + 2 + 16 + 2;
  const rows = r.layers.map((l) => {
    const counts = `+${l.added} ~${l.modified} -${l.deleted}`.padStart(16);
    return `${String(l.index).padStart(3)}  ${humanBytes(l.compressedSize).padStart(10)}  ${humanBytes(l.size).padStart(9)}  ${counts}  ${clip(instructionOf(l.createdBy) || "(unknown)", o.width - fixed)}`;
  });
  return [c.bold("Layers"), head, ...rows].join("\n");
}

function waste(r: ImageReport, c: Colors, o: TextOptions): string {
  if (r.waste.items.length === 0)
    return `${c.bold("Wasted bytes")}  none: every byte written is visible in the final image`;
  const grouped = groupByDirectory(r.waste.items);
  const rows = grouped.slice(0, o.top).map((w) => wasteLine(w, c, o));
  const more =
    grouped.length > o.top
      ? [c.dim(`  … ${grouped.length - o.top} more (--top N, or --format json)`)]
      : [];
  return [c.bold("Wasted bytes, biggest first"), ...rows, ...more].join("\n");
}

/**
 * `rm -rf dir/*` hides files one by one; three or more items from the same directory with
 * the same writer, hider and kind read better as one `dir/*` line (JSON keeps every item).
 */
export function groupByDirectory(items: WasteItem[]): WasteItem[] {
  const key = (w: WasteItem) =>
    `${w.path.slice(0, w.path.lastIndexOf("/", w.path.length - 2) + 1)}\0${w.layer}\0${w.hiddenBy}\0${w.kind}`;
  const groups = new Map<string, WasteItem[]>();
  for (const w of items) groups.set(key(w), [...(groups.get(key(w)) ?? []), w]);
  const out: WasteItem[] = [];
  for (const [k, members] of groups) {
    if (members.length < 3) out.push(...members);
    else
      out.push({
        ...members[0],
        path: `${k.slice(0, k.indexOf("\0"))}*`,
        size: members.reduce((s, m) => s + m.size, 0),
        files: members.reduce((s, m) => s + m.files, 0),
      });
  }
  return out.sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
}

function wasteLine(w: WasteItem, c: Colors, o: TextOptions): string {
  const what = w.kind === "deleted" ? "deleted" : "overwritten";
  const files = w.files > 1 ? ` (${w.files} files)` : "";
  const line1 = `  ${humanBytes(w.size).padStart(9)}  ${w.path}${files}`;
  const written = clip(
    `written by layer ${w.layer}: ${instructionOf(w.createdBy) || "?"}`,
    o.width - 13,
  );
  const hidden = clip(
    `${what} by layer ${w.hiddenBy}: ${instructionOf(w.hiddenByCreatedBy) || "?"}`,
    o.width - 13,
  );
  return `${line1}\n${c.dim(`             ${written}\n             ${hidden}`)}`;
}

function duplicates(r: ImageReport, c: Colors, o: TextOptions): string {
  if (r.duplicates.groups.length === 0) return "";
  const rows = r.duplicates.groups.slice(0, o.top).map((g) => {
    const paths =
      g.paths.slice(0, 4).join(", ") +
      (g.paths.length > 4 ? `, … (${g.paths.length - 4} more)` : "");
    return `  ${humanBytes((g.paths.length - 1) * g.size).padStart(9)}  ${g.paths.length} × ${humanBytes(g.size)}: ${clip(paths, o.width - 30)}`;
  });
  return [c.bold("Duplicate files (identical content, extra copies counted)"), ...rows].join("\n");
}

function largest(r: ImageReport, c: Colors, o: TextOptions): string {
  const n = Math.min(o.top, 10);
  const files = r.largestFiles
    .slice(0, n)
    .map(
      (f) =>
        `  ${humanBytes(f.size).padStart(9)}  ${clip(f.path, o.width - 24)}  ${c.dim(`layer ${f.layer}`)}`,
    );
  const dirs = r.largestDirectories
    .slice(0, n)
    .map(
      (d) =>
        `  ${humanBytes(d.size).padStart(9)}  ${clip(d.path, o.width - 30)}  ${c.dim(count(d.files ?? 0, "file"))}`,
    );
  return [c.bold("Largest files"), ...files, "", c.bold("Largest directories"), ...dirs].join("\n");
}

function findings(r: ImageReport, c: Colors, o: TextOptions): string {
  if (r.findings.length === 0) return "";
  const color = { error: c.red, warning: c.yellow, info: c.cyan, style: c.dim };
  const rows = r.findings.slice(0, o.top * 2).map((f) => {
    const bytes = f.bytes ? `${humanBytes(f.bytes)} ` : "";
    const where =
      f.layer !== undefined
        ? c.dim(
            ` (layer ${f.layer}${f.createdBy ? `: ${clip(instructionOf(f.createdBy), 50)}` : ""})`,
          )
        : "";
    return `  ${color[f.severity](f.severity.padEnd(7))} ${f.rule}: ${bytes}${f.message}${where}`;
  });
  return [c.bold("Findings"), ...rows].join("\n");
}

function dive(r: ImageReport, c: Colors): string {
  const d = r.dive;
  return [
    c.bold("dive-compatible metrics") +
      c.dim(" (dive counts every copy of a re-written path, the live one too)"),
    `  efficiency ${percent(d.efficiency, 4)}, wasted ${humanBytes(d.wastedBytes)}, user wasted ${percent(d.userWastedPercent, 2)}, ${d.inefficientFiles.length} inefficient paths`,
  ].join("\n");
}
