import pc from "picocolors";
import type { LayerDeletion, LayerFileChange, LayerFilesReport } from "../model/layer-files.js";
import type { ImageReport } from "../model/report.js";
import { instructionOf } from "../model/history.js";
import { terminalText } from "../model/terminal-text.js";
import { clip, humanBytes } from "./units.js";

export interface LayerTextOptions {
  color: boolean;
  width: number;
  /** Rows per list (the rest are counted in a "… and N more" line). */
  top: number;
}

type Colors = ReturnType<typeof pc.createColors>;

/** `ballast analyze --layer N`: what one layer added, modified and deleted, largest first. */
export function renderLayerText(
  r: ImageReport,
  files: LayerFilesReport,
  o: LayerTextOptions,
): string {
  const c = pc.createColors(o.color);
  const l = r.layers[files.layer];
  const sum = (list: { size: number }[]) => list.reduce((a, x) => a + x.size, 0);
  const head = [
    `${c.bold(`Layer ${l.index}`)}  ${l.digest}`,
    `${c.bold("Instruction")}  ${terminalText(clip(instructionOf(l.createdBy) || "(unknown)", o.width - 13))}`,
    `${c.bold("Size")}  ${humanBytes(l.size)} (${humanBytes(l.compressedSize)} compressed); ${humanBytes(l.visibleBytes)} still visible in the final filesystem`,
    `${c.green(`+${files.added.length} added`)} (${humanBytes(sum(files.added))})  ${c.yellow(`~${files.modified.length} modified`)} (${humanBytes(sum(files.modified))})  ${c.red(`-${files.deleted.length} deleted`)} (${humanBytes(sum(files.deleted))} below)`,
  ].join("\n");
  const sections = [
    head,
    changeList(c, "Added", files.added, o),
    changeList(c, "Modified", files.modified, o),
    deletionList(c, "Deleted", files.deleted, o),
    deletionList(c, "Cleared (opaque directories)", files.opaque, o),
  ];
  return `${sections.filter(Boolean).join("\n\n")}\n`;
}

function changeList(
  c: Colors,
  title: string,
  list: LayerFileChange[],
  o: LayerTextOptions,
): string {
  if (!list.length) return "";
  const rows = list.slice(0, o.top).map((f) => {
    const notes = [
      f.previous ? `was ${humanBytes(f.previous.size)} in layer ${f.previous.layer}` : "",
      f.hiddenBy !== undefined ? c.yellow(`wasted: hidden by layer ${f.hiddenBy}`) : "",
    ].filter(Boolean);
    const link = f.link !== undefined ? ` -> ${terminalText(f.link)}` : "";
    return `${humanBytes(f.size).padStart(9)}  ${modeText(f)}  ${`${f.uid}:${f.gid}`.padStart(9)}  ${terminalText(f.path)}${link}${notes.length ? `  (${notes.join("; ")})` : ""}`;
  });
  return [c.bold(`${title} (${list.length})`), ...rows, more(list.length, o.top)]
    .filter(Boolean)
    .join("\n");
}

function deletionList(
  c: Colors,
  title: string,
  list: LayerDeletion[],
  o: LayerTextOptions,
): string {
  if (!list.length) return "";
  const rows = list
    .slice(0, o.top)
    .map(
      (d) =>
        `${humanBytes(d.size).padStart(9)}  ${`${d.files} file${d.files === 1 ? "" : "s"}`.padStart(11)}  ${terminalText(d.path)}`,
    );
  return [c.bold(`${title} (${list.length})`), ...rows, more(list.length, o.top)]
    .filter(Boolean)
    .join("\n");
}

const more = (n: number, top: number) =>
  n > top ? `… and ${n - top} more (--top N, or --format json)` : "";

const TYPE: Record<LayerFileChange["kind"], string> = {
  file: "-",
  dir: "d",
  symlink: "l",
  hardlink: "h",
  other: "?",
};

function modeText(f: LayerFileChange): string {
  const rwx = ["r", "w", "x"];
  let s = TYPE[f.kind];
  for (let bit = 8; bit >= 0; bit--) s += f.mode & (1 << bit) ? rwx[(8 - bit) % 3] : "-";
  const chars = s.split("");
  if (f.mode & 0o4000) chars[3] = f.mode & 0o100 ? "s" : "S";
  if (f.mode & 0o2000) chars[6] = f.mode & 0o010 ? "s" : "S";
  if (f.mode & 0o1000) chars[9] = f.mode & 0o001 ? "t" : "T";
  return chars.join("");
}
