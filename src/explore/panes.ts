import { instructionOf } from "../model/history.js";
import { humanBytes, percent } from "../report/units.js";
import { terminalText } from "../model/terminal-text.js";
import type { ExploreState } from "./state.js";
import type { Line } from "./line.js";

const safe = (text: string) => terminalText(text.replace(/\s+/g, " ").trim());

/** Layers: index, compressed and uncompressed size, instruction; the selected one marked. */
export function layerLines(s: ExploreState, height: number): Line[] {
  const layers = s.data.report.layers;
  const head: Line = [{ text: " #  compressed      size  instruction", style: "dim" }];
  const room = Math.max(1, height - 1);
  const first = Math.max(0, Math.min(s.layer - Math.floor(room / 2), layers.length - room));
  const rows = layers.slice(first, first + room).map((l): Line => {
    const text = `${String(l.index).padStart(2)}  ${humanBytes(l.compressedSize).padStart(10)}  ${humanBytes(l.size).padStart(8)}  ${safe(instructionOf(l.createdBy)) || "(unknown)"}`;
    if (l.index !== s.layer) return [{ text }];
    return [{ text, style: s.focus === "layers" ? "cursor" : "selected" }];
  });
  return [head, ...rows];
}

/** The selected layer: digest, instruction, files it changed, bytes, waste, findings. */
export function detailLines(s: ExploreState): Line[] {
  const r = s.data.report;
  const l = r.layers[s.layer];
  if (!l) return [[{ text: "no layers" }]];
  const wrote = r.waste.items.filter((w) => w.layer === l.index).reduce((a, w) => a + w.size, 0);
  const hid = r.waste.items.filter((w) => w.hiddenBy === l.index).reduce((a, w) => a + w.size, 0);
  const findings = r.findings.filter((f) => f.layer === l.index);
  const lines: Line[] = [
    [{ text: "Digest   ", style: "dim" }, { text: l.digest }],
    [
      { text: "Command  ", style: "dim" },
      { text: safe(instructionOf(l.createdBy)) || "(unknown)" },
    ],
    [
      { text: "Files    ", style: "dim" },
      { text: `+${l.added}`, style: "added" },
      { text: " " },
      { text: `~${l.modified}`, style: "modified" },
      { text: " " },
      { text: `-${l.deleted}`, style: "deleted" },
      { text: `  ${humanBytes(l.size)} (${humanBytes(l.compressedSize)} compressed)` },
    ],
    [
      { text: "Waste    ", style: "dim" },
      { text: `${humanBytes(wrote)} of it hidden later`, style: wrote ? "waste" : undefined },
      { text: `, hides ${humanBytes(hid)}` },
    ],
    [{ text: "Findings ", style: "dim" }, { text: String(findings.length) }],
  ];
  for (const f of findings)
    lines.push([
      {
        text: `  ${f.severity} ${f.rule}: ${safe(f.message)}`,
        style: f.severity === "error" ? "error" : undefined,
      },
    ]);
  return lines;
}

/** The image: reference, sizes, reclaimable bytes, efficiency, top findings. */
export function summaryLines(s: ExploreState): Line[] {
  const r = s.data.report;
  const share = r.size.uncompressed ? r.waste.reclaimable / r.size.uncompressed : 0;
  const lines: Line[] = [
    [{ text: "Image    ", style: "dim" }, { text: safe(r.image.reference) }],
    [
      { text: "Size     ", style: "dim" },
      {
        text: `${humanBytes(r.size.compressed)} compressed, ${humanBytes(r.size.uncompressed)} uncompressed`,
      },
    ],
    [{ text: "Files    ", style: "dim" }, { text: `${r.size.files} in ${r.layerCount} layers` }],
    [
      { text: "Wasted   ", style: "dim" },
      {
        text: `${humanBytes(r.waste.reclaimable)} (${percent(share)})`,
        style: r.waste.reclaimable ? "waste" : undefined,
      },
      { text: `, efficiency ${percent(r.dive.efficiency)}` },
    ],
    [
      { text: `Findings ${r.findings.length}`, style: "dim" },
      { text: r.findings.length ? "  (f/F to open)" : "", style: "dim" },
    ],
  ];
  r.findings.forEach((f, i) => {
    const where = f.layer === undefined ? "" : ` L${f.layer}`;
    const text = `  ${f.severity}${where} ${f.rule}: ${safe(f.message)}`;
    lines.push([
      { text, style: i === s.finding ? "selected" : f.severity === "error" ? "error" : undefined },
    ]);
  });
  return lines;
}

export const HELP: [string, string][] = [
  ["↑ ↓ j k, wheel", "move (in the layers pane: pick the layer)"],
  ["PgUp PgDn space", "page up / down"],
  ["Home End g G", "first / last row"],
  ["→ l / ← h", "expand / collapse (← on a file: go to its directory)"],
  ["Enter", "expand or collapse"],
  ["e / c", "expand all / collapse all"],
  ["Tab", "switch between the layers and files panes"],
  ["[ / ]", "previous / next layer"],
  ["a", "files up to this layer / only what this layer changed"],
  ["/", "filter: a glob (*.so, /usr/lib/**), or re:REGEX"],
  ["A M D W", "show only added / modified / deleted / wasted (toggles)"],
  ["x", "clear filters"],
  ["s", "sort by size / by name"],
  ["t", "show or hide mode and uid:gid"],
  ["w / H", "jump to the layer that wrote / hid the wasted bytes here"],
  ["f / F", "open the next / previous finding's layer"],
  ["?", "this help (any key closes it)"],
  ["q, Ctrl-C", "quit"],
];

export function helpLines(): Line[] {
  return [
    [{ text: "Keys", style: "title" }],
    ...HELP.map(([k, what]): Line => [
      { text: `  ${k.padEnd(18)}`, style: "title" },
      { text: what },
    ]),
    [],
    [{ text: "Marks: A added, M modified, D deleted in the selected layer.", style: "dim" }],
    [{ text: "Waste: bytes of this path's copies that later layers hid.", style: "dim" }],
  ];
}
