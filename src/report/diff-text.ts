import pc from "picocolors";
import type { Delta, ImageDiff, PathChange } from "../analysis/diff.js";
import { instructionOf } from "../model/history.js";
import { assumptions, duration, money } from "./cost-format.js";
import { clip, humanBytes, percent } from "./units.js";
import { relative } from "./delta-format.js";
import { terminalSafe } from "../model/terminal-text.js";

export { relative };

export interface DiffTextOptions {
  color: boolean;
  width: number;
  /** Rows per list (paths, packages, layers). */
  top: number;
  currency?: string;
}

type Colors = ReturnType<typeof pc.createColors>;

/** The terminal rendering of `ballast diff`. */
export function renderDiffText(diff: ImageDiff, o: DiffTextOptions): string {
  const d = terminalSafe(diff);
  const c = pc.createColors(o.color);
  const sections = [
    header(d, c),
    sizes(d, c),
    layers(d, c, o),
    packages(d, c, o),
    paths(d, c, o),
    findings(d, c, o),
    cost(d, c, o),
  ];
  return `${sections.filter(Boolean).join("\n\n")}\n`;
}

/** "+1.2 MB" / "-3.4 MB", green when smaller (a saving), red when bigger. */
export function signedBytes(n: number, c?: Colors): string {
  const text = n > 0 ? `+${humanBytes(n)}` : n < 0 ? humanBytes(n) : "±0 B";
  return !c ? text : n < 0 ? c.green(text) : n > 0 ? c.red(text) : text;
}

function header(d: ImageDiff, c: Colors): string {
  return [
    `${c.bold("Before")} ${d.before.reference}`,
    `${c.bold("After")}  ${d.after.reference}`,
  ].join("\n");
}

function sizes(d: ImageDiff, c: Colors): string {
  const rows: [string, Delta, boolean][] = [
    ["compressed", d.size.compressed, true],
    ["uncompressed", d.size.uncompressed, true],
    ["final filesystem", d.size.visible, true],
    ["reclaimable", d.size.reclaimable, true],
    ["files", d.size.files, false],
    ["layers", d.size.layers, false],
  ];
  const fmt = (n: number, bytes: boolean) => (bytes ? humanBytes(n) : String(n));
  const lines = rows.map(([label, x, bytes]) => {
    const change = bytes ? signedBytes(x.delta, c) : `${x.delta > 0 ? "+" : ""}${x.delta}`;
    return `  ${label.padEnd(17)}${fmt(x.before, bytes).padStart(11)} → ${fmt(x.after, bytes).padStart(11)}   ${change}${bytes ? relative(x) : ""}`;
  });
  return [c.bold("Size"), ...lines].join("\n");
}

function layers(d: ImageDiff, c: Colors, o: DiffTextOptions): string {
  const L = d.layers;
  const base = L.sharedBase.layers
    ? `shared base: ${L.sharedBase.layers} layer${L.sharedBase.layers === 1 ? "" : "s"}, ${humanBytes(L.sharedBase.compressedSize)} a node that has the old image does not pull again`
    : "no shared base layers";
  const width = Math.max(20, o.width - 30);
  const row = (mark: string, index: number, size: number, createdBy: string, note = "") =>
    `  ${mark} ${String(index).padStart(2)}  ${humanBytes(size).padStart(10)}  ${clip(instructionOf(createdBy) || "(unknown)", width)}${note}`;
  const lines = [
    ...L.shared.map((s) =>
      row(
        c.dim("="),
        s.after,
        s.compressedSize,
        s.createdBy,
        s.sameBlob ? "" : c.dim("  (same content, stored differently)"),
      ),
    ),
    ...L.removed.map((l) => c.red(row("-", l.index, l.compressedSize, l.createdBy))),
    ...L.added.map((l) => c.green(row("+", l.index, l.compressedSize, l.createdBy))),
  ];
  return [
    `${c.bold("Layers")}  ${L.shared.length} shared, ${L.removed.length} removed, ${L.added.length} added; ${base}`,
    ...lines,
  ].join("\n");
}

function packages(d: ImageDiff, c: Colors, o: DiffTextOptions): string {
  const p = d.packages;
  if (!p) return "";
  const head = `${c.bold("Packages")} (${p.manager}): ${p.removed.length} removed, ${p.added.length} added, ${p.changed.length} changed version${p.truncated ? c.yellow("  (package database larger than the captured 1 MiB: list may be incomplete)") : ""}`;
  const size = (n?: number) => (n === undefined ? "" : `  ${humanBytes(n)}`);
  const lines = [
    ...p.removed
      .slice(0, o.top)
      .map((x) => c.red(`  - ${x.name} ${c.dim(x.version)}${size(x.size)}`)),
    ...more(p.removed.length, o.top, "removed"),
    ...p.added
      .slice(0, o.top)
      .map((x) => c.green(`  + ${x.name} ${c.dim(x.version)}${size(x.size)}`)),
    ...more(p.added.length, o.top, "added"),
    ...p.changed
      .slice(0, o.top)
      .map(
        (x) =>
          `  ~ ${x.name} ${x.before} → ${x.after}${x.sizeDelta ? `  ${signedBytes(x.sizeDelta)}` : ""}`,
      ),
    ...more(p.changed.length, o.top, "changed"),
  ];
  return [head, ...lines].join("\n");
}

const more = (n: number, top: number, what: string) =>
  n > top ? [`    … ${n - top} more ${what}`] : [];

function paths(d: ImageDiff, c: Colors, o: DiffTextOptions): string {
  const P = d.paths;
  const t = P.totals;
  const scope = P.include ? ` matching ${P.include.join(", ")}` : "";
  const head = `${c.bold("Paths")}${scope}: ${t.removed.count} removed (${humanBytes(t.removed.bytes)}), ${t.added.count} added (${humanBytes(t.added.bytes)}), ${t.changed.count} changed (${signedBytes(t.changed.delta)})`;
  const width = Math.max(20, o.width - 16);
  const line = (mark: string, p: PathChange) =>
    `  ${mark} ${signedBytes(p.delta).padStart(11)}  ${clip(p.path, width)}${p.reasons && !p.reasons.includes("content") ? c.dim(`  (${p.reasons.join(", ")})`) : ""}`;
  const section = (
    title: string,
    list: PathChange[],
    mark: string,
    paint: (s: string) => string,
  ) =>
    list.length
      ? [
          `  ${c.underline(title)}`,
          ...list.slice(0, o.top).map((p) => paint(line(mark, p))),
          ...more(list.length, o.top, title.toLowerCase()),
        ]
      : [];
  const dirs = P.directories
    .slice(0, Math.min(o.top, 10))
    .map(
      (x) => `    ${signedBytes(x.delta, c).padStart(11)}  ${x.path}  ${c.dim(`${x.paths} paths`)}`,
    );
  return [
    head,
    ...(dirs.length ? [`  ${c.underline("By directory")}`, ...dirs] : []),
    ...section("Removed", P.removed, "-", c.red),
    ...section("Added", P.added, "+", c.green),
    ...section("Changed", P.changed, "~", (s) => s),
  ].join("\n");
}

function findings(d: ImageDiff, c: Colors, o: DiffTextOptions): string {
  const { fixed, introduced, remaining } = d.findings;
  if (!fixed.length && !introduced.length && !remaining.length) return "";
  const width = Math.max(20, o.width - 40);
  const tally = (x: { count: number; bytes: number }) =>
    x.bytes ? humanBytes(x.bytes) : `${x.count}×`;
  return [
    `${c.bold("Findings")}: ${fixed.length} fixed, ${introduced.length} introduced, ${remaining.length} rule${remaining.length === 1 ? "" : "s"} still firing`,
    ...fixed
      .slice(0, o.top)
      .map((f) => c.green(`  fixed       ${f.rule}  ${clip(f.message, width)}`)),
    ...introduced
      .slice(0, o.top)
      .map((f) => c.red(`  introduced  ${f.rule}  ${clip(f.message, width)}`)),
    ...remaining
      .slice(0, o.top)
      .map((r) => `  remaining   ${r.rule}  ${tally(r.before)} → ${tally(r.after)}`),
  ].join("\n");
}

function cost(d: ImageDiff, c: Colors, o: DiffTextOptions): string {
  const { before: b, after: a, saving, upgrade } = d.cost;
  const cur = o.currency ?? "$";
  const row = (label: string, x: number, y: number) =>
    `  ${label.padEnd(17)}${money(x, cur).padStart(11)} → ${money(y, cur).padStart(11)} per month`;
  return [
    `${c.bold("Cost")}  ${c.dim(assumptions(a.inputs, cur))}`,
    row("registry storage", b.storage.monthly, a.storage.monthly),
    row("deploy egress", b.egress.monthly, a.egress.monthly),
    `${row("total", b.monthly, a.monthly)}${saving === null ? "" : `   ${saving >= 0 ? c.green(`${percent(saving)} saved`) : c.red(`${percent(-saving)} more`)}`}`,
    `  ${"pull time".padEnd(17)}${duration(b.pull.coldSeconds).padStart(11)} → ${duration(a.pull.coldSeconds).padStart(11)}   (${duration(upgrade.pullSeconds)} to update a node that has the old image: ${humanBytes(upgrade.pullBytes)})`,
  ].join("\n");
}
