import { KIND } from "../filetree/layer-tree.js";
import { humanBytes } from "../report/units.js";
import { terminalText } from "../model/terminal-text.js";
import { treeHeight, type ExploreState } from "./state.js";
import { MARK, ONLY, isDir } from "./tree-view.js";
import { styled, type Line, type Style } from "./line.js";

const MARKS: [string, Style | undefined][] = [
  [" ", undefined],
  ["A", "added"],
  ["M", "modified"],
  ["D", "deleted"],
];

/** The file pane's title: layer, view, sort and filters. */
export function filesTitle(s: ExploreState): string {
  const parts = [`Files · L${s.layer}`, s.aggregated ? "all" : "changes", s.sort];
  const only = (["added", "modified", "deleted", "wasted"] as const).filter(
    (k) => s.only & ONLY[k],
  );
  if (only.length) parts.push(`only ${only.join("+")}`);
  if (s.filter) parts.push(`"${terminalText(s.filter.text)}"`);
  return parts.join(" · ");
}

/** Column headings, the visible rows (only those are computed), and a footer. */
export function fileLines(s: ExploreState): Line[] {
  const head = `M      Size    Waste ${s.attributes ? "Mode         UID:GID " : ""}Name`;
  const h = treeHeight(s);
  const rows = s.rows.rows(s.scroll, h).map((row, i) => {
    const line = fileRow(s, row.node, row.depth);
    if (s.scroll + i !== s.cursor) return line;
    return styled(line, s.focus === "files" ? "cursor" : "selected");
  });
  if (!rows.length)
    rows.push([{ text: "  (nothing to show: x clears the filters)", style: "dim" }]);
  while (rows.length < h) rows.push([]);
  const total = s.rows.total;
  const foot = `${total ? s.cursor + 1 : 0}/${total} rows · ${s.view.files} files · ${humanBytes(s.view.size[0])}`;
  return [[{ text: head, style: "dim" }], ...rows, [{ text: foot, style: "dim" }]];
}

function fileRow(s: ExploreState, node: number, depth: number): Line {
  const { tree: t, waste } = s.data;
  const v = s.view;
  const [mark, markStyle] = MARKS[v.mark[node]];
  const k = v.event[node];
  const dir = isDir(s.data, v, node);
  const twisty = dir && s.rows.expandable(node) ? (s.rows.expanded[node] ? "▾ " : "▸ ") : "  ";
  const line: Line = [
    { text: `${mark} `, style: markStyle },
    { text: humanBytes(v.size[node]).padStart(9) },
    { text: " " },
    waste[node] > 0
      ? { text: humanBytes(waste[node]).padStart(8), style: "waste" }
      : { text: "".padStart(8) },
    { text: " " },
  ];
  if (s.attributes)
    line.push({
      text: `${modeString(k >= 0 ? t.evKind[k] : KIND.dir, k >= 0 ? t.evEntry[k]!.mode : 0o755)} ${owner(s, k).padStart(9)} `,
      style: "dim",
    });
  const name = terminalText(t.name[node]) + (dir ? "/" : "");
  const link =
    k >= 0 && t.evEntry[k]!.link !== undefined ? ` → ${terminalText(t.evEntry[k]!.link!)}` : "";
  line.push({ text: `${"  ".repeat(depth - 1)}${twisty}` });
  line.push({ text: name, style: v.mark[node] === MARK.deleted ? "deleted" : undefined });
  if (link) line.push({ text: link, style: "dim" });
  return line;
}

function owner(s: ExploreState, k: number): string {
  if (k < 0) return "-";
  const e = s.data.tree.evEntry[k]!;
  return `${e.uid}:${e.gid}`;
}

const TYPE = ["-", "d", "l", "h", "?"];

/** `ls -l` style permissions, with setuid/setgid/sticky as s/S and t/T. */
export function modeString(kind: number, mode: number): string {
  const bit = (m: number, c: string) => (mode & m ? c : "-");
  const special = (x: number, s: number, lower: string) =>
    mode & s ? (mode & x ? lower : lower.toUpperCase()) : bit(x, "x");
  return (
    (TYPE[kind] ?? "?") +
    bit(0o400, "r") +
    bit(0o200, "w") +
    special(0o100, 0o4000, "s") +
    bit(0o040, "r") +
    bit(0o020, "w") +
    special(0o010, 0o2000, "s") +
    bit(0o004, "r") +
    bit(0o002, "w") +
    special(0o001, 0o1000, "t")
  );
}
