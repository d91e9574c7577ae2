import { box, fit, plain, type Line } from "./line.js";
import { detailLines, helpLines, layerLines, summaryLines } from "./panes.js";
import { fileLines, filesTitle } from "./files-pane.js";
import type { ExploreState } from "./state.js";

/** Below this the explorer shows one pane at a time (the focused one). */
export const WIDE = { width: 80, height: 16 };
/** Below this it only says that the terminal is too small. */
export const MINIMUM = { width: 40, height: 8 };

/** The whole screen for a state: exactly `height` lines of `width` characters. */
export function screen(s: ExploreState): Line[] {
  const { width, height } = s;
  if (width < MINIMUM.width || height < MINIMUM.height)
    return pad(
      [
        plain(
          `Terminal too small (${width}×${height}); needs ${MINIMUM.width}×${MINIMUM.height}. q quits.`,
        ),
      ],
      width,
      height,
    );
  const body = height - 1;
  const main = s.help
    ? box("Help (any key closes)", helpLines(), width, body, true)
    : width >= WIDE.width && height >= WIDE.height
      ? wide(s, body)
      : narrow(s, body);
  return [...main, fit(statusLine(s), width)];
}

function wide(s: ExploreState, body: number): Line[] {
  const left = Math.min(60, Math.max(32, Math.floor(s.width * 0.4)));
  const right = s.width - left;
  const layersH = Math.max(5, Math.min(s.data.report.layers.length + 3, Math.floor(body * 0.4)));
  const detailsH = Math.max(5, Math.floor((body - layersH) / 2));
  const summaryH = body - layersH - detailsH;
  const column = [
    ...box("Layers", layerLines(s, layersH - 2), left, layersH, s.focus === "layers"),
    ...box(`Layer ${s.layer}`, detailLines(s), left, detailsH, false),
    ...box("Image", summaryLines(s), left, summaryH, false),
  ];
  const files = box(filesTitle(s), fileLines(s), right, body, s.focus === "files");
  return column.map((line, i) => [...line, ...files[i]]);
}

/** One pane over the whole width: the layers (with details), or the files. */
function narrow(s: ExploreState, body: number): Line[] {
  if (s.focus === "files") return box(filesTitle(s), fileLines(s), s.width, body, true);
  const layersH = Math.max(4, Math.min(s.data.report.layers.length + 3, Math.floor(body / 2)));
  return [
    ...box("Layers (Tab: files)", layerLines(s, layersH - 2), s.width, layersH, true),
    ...box(`Layer ${s.layer}`, detailLines(s), s.width, body - layersH, false),
  ];
}

function statusLine(s: ExploreState): Line {
  if (s.prompt !== undefined)
    return [
      { text: "Filter (glob or re:REGEX, Enter applies, Esc cancels): ", style: "title" },
      { text: `${s.prompt}▏` },
      ...(s.message ? [{ text: `  ${s.message}`, style: "error" as const }] : []),
    ];
  if (s.message) return [{ text: s.message, style: "modified" }];
  return [
    {
      text: "↑↓ move  ←→ fold  Tab pane  [ ] layer  a view  / filter  w/H blame  ? help  q quit",
      style: "dim",
    },
  ];
}

function pad(lines: Line[], width: number, height: number): Line[] {
  const out = lines.slice(0, height).map((l) => fit(l, width));
  while (out.length < height) out.push(fit([], width));
  return out;
}

/** The screen as plain text lines (what the tests read). */
export function screenText(s: ExploreState): string[] {
  return screen(s).map((l) => l.map((seg) => seg.text).join(""));
}
