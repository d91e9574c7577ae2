import { hierarchy, treemap, treemapSquarify, type HierarchyRectangularNode } from "d3-hierarchy";
import type { SizeTree } from "../../analysis/size-tree.js";
import { humanBytes } from "../units.js";

/**
 * The treemap layout, shared by the server (the SVG in the file, readable without script)
 * and the page's script (zooming into a directory). Pure: tree in, rectangles out.
 */
export interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
  depth: number;
  path: string;
  name: string;
  size: number;
  files: number;
  dir: boolean;
  /** Colour group: the top-level directory under the shown root (or its child, see below). */
  hue: number;
  /** The layer that wrote the bytes (a directory: its largest child's), and the bytes later hidden. */
  layer?: number;
  waste?: number;
}

/** What the treemap's colours say. */
export type ColourBy = "directory" | "layer" | "waste";

const LABEL = 15;

export function layoutTreemap(
  root: SizeTree,
  rootPath: string,
  width: number,
  height: number,
  maxDepth = 3,
): Cell[] {
  const h = hierarchy<SizeTree>(root, (d) => d.children).sum((d) =>
    d.children?.length ? 0 : d.size,
  );
  const laid = treemap<SizeTree>()
    .tile(treemapSquarify.ratio(1.4))
    .size([width, height])
    .paddingInner(1)
    .paddingOuter(2)
    .paddingTop((d) => (d.depth > 0 && d.depth < maxDepth && d.children ? LABEL : 2))
    .round(true)(h);
  const cells: Cell[] = [];
  // Colour by top-level directory; when one of them holds most of the bytes (/usr in most
  // images), by its children instead, or the whole map would be one colour.
  const tops = laid.children ?? [];
  const total = laid.value || 1;
  const dominant = tops.find((t) => (t.value ?? 0) / total > 0.6 && t.children?.length);
  const groups = dominant
    ? [...tops.filter((t) => t !== dominant), ...(dominant.children ?? [])]
    : tops;
  const groupOf = (n: HierarchyRectangularNode<SizeTree>) => {
    const chain = n.ancestors().reverse();
    return groups.indexOf(chain[1] === dominant ? (chain[2] ?? chain[1]) : chain[1]);
  };
  laid.each((n: HierarchyRectangularNode<SizeTree>) => {
    if (n.depth === 0 || n.depth > maxDepth) return;
    const w = n.x1 - n.x0;
    const hh = n.y1 - n.y0;
    if (w < 2 || hh < 2) return;
    cells.push({
      x: n.x0,
      y: n.y0,
      w,
      h: hh,
      depth: n.depth,
      path: pathOf(n, rootPath),
      name: n.data.name,
      size: n.value ?? 0,
      files: n.data.files,
      dir: Boolean(n.data.children?.length),
      hue: Math.max(0, groupOf(n)),
      ...(n.data.layer !== undefined ? { layer: n.data.layer } : {}),
      ...(n.data.waste ? { waste: n.data.waste } : {}),
    });
  });
  return cells;
}

function pathOf(n: HierarchyRectangularNode<SizeTree>, rootPath: string): string {
  const names = n
    .ancestors()
    .reverse()
    .slice(1)
    .map((a) => a.data.name);
  const base = rootPath.endsWith("/") ? rootPath : `${rootPath}/`;
  return `${base}${names.join("/")}${n.data.children?.length ? "/" : ""}`;
}

/** A colour per top-level directory, lighter with depth: golden-angle hues stay apart. */
export function colour(hue: number, depth: number): string {
  const h = Math.round((hue * 137.508) % 360);
  return `hsl(${h} 55% ${Math.min(40 + depth * 12, 86)}%)`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A cell's fill: by top-level directory, by the layer that wrote it, or by its share of waste. */
export function cellColour(c: Cell, by: ColourBy): string {
  if (by === "layer") return c.layer === undefined ? "hsl(0 0% 80%)" : colour(c.layer, c.depth);
  if (by === "waste") {
    const share = c.size ? Math.min(1, (c.waste ?? 0) / c.size) : 0;
    return share > 0
      ? `hsl(2 75% ${Math.round(84 - share * 44)}%)`
      : `hsl(210 12% ${Math.min(72 + c.depth * 6, 90)}%)`;
  }
  return colour(c.hue, c.depth);
}

/**
 * SVG markup for the cells. Every cell is focusable (Tab walks the map, the label says what
 * it is); directories carry data-path, and Enter or a click zooms into them.
 */
export function treemapSvg(cells: Cell[], by: ColourBy = "directory"): string {
  return cells
    .map((c) => {
      const wasted = c.waste ? `, ${humanBytes(c.waste)} wasted` : "";
      const layer = c.layer !== undefined ? `, layer ${c.layer}` : "";
      const tip = `${c.path} — ${humanBytes(c.size)}${c.dir ? `, ${c.files} files` : ""}${layer}${wasted}`;
      const maxChars = Math.floor((c.w - 6) / 6.5);
      const fits = maxChars >= 3 && c.h >= 13;
      const label = fits
        ? `${c.name.length > maxChars ? `${c.name.slice(0, maxChars - 1)}…` : c.name}${c.w > 120 && c.h > 13 ? ` ${humanBytes(c.size)}` : ""}`
        : "";
      return (
        `<g class="cell${c.dir ? " dir" : ""}"${c.dir ? ` data-path="${escapeXml(c.path)}"` : ""} data-bytes="${c.size}"${c.waste ? ` data-waste="${c.waste}"` : ""}${c.layer !== undefined ? ` data-layer="${c.layer}"` : ""} tabindex="0" role="${c.dir ? "button" : "img"}" aria-label="${escapeXml(tip)}">` +
        `<rect x="${c.x}" y="${c.y}" width="${c.w}" height="${c.h}" fill="${cellColour(c, by)}"><title>${escapeXml(tip)}</title></rect>` +
        (label ? `<text x="${c.x + 3}" y="${c.y + 11}">${escapeXml(label)}</text>` : "") +
        `</g>`
      );
    })
    .join("");
}

/** The subtree at `path` ("/", "/usr/", "/usr/lib/"), or undefined. */
export function subtreeAt(root: SizeTree, path: string): SizeTree | undefined {
  let node: SizeTree | undefined = root;
  for (const name of path.split("/").filter(Boolean))
    node = node?.children?.find((c) => c.name === name);
  return node;
}
