import type { LayerTree } from "../filetree/layer-tree.js";
import { findNode } from "../filetree/layer-tree.js";
import { wastedBytes, stateAt } from "../filetree/layer-state.js";
import type { LayerFilesReport } from "../model/layer-files.js";
import { layerFiles } from "./layer-files.js";
import { foldSizeTree, type SizeTree } from "./size-tree.js";

/** One layer of the HTML report's walk: the files it wrote as a treemap, and its lists. */
export interface LayerWalk {
  layer: number;
  /** Files the layer added or modified, by directory, with the bytes later layers hid. */
  tree: SizeTree;
  /** Largest added/modified files: path, bytes, "A"/"M", and the layer that hid them. */
  files: { path: string; size: number; change: "A" | "M"; hiddenBy?: number }[];
  deleted: { path: string; size: number; files: number }[];
  counts: { added: number; modified: number; deleted: number };
}

export interface LayerWalkOptions {
  /** Treemap nodes for all layers together (default 12,000: about 1 MB of page data). */
  maxNodes?: number;
  /** Rows of each layer's file list (default 100). */
  rows?: number;
}

/** The per-layer walk of the HTML report, bounded in size whatever the image. */
export function layerWalk(t: LayerTree, o: LayerWalkOptions = {}): LayerWalk[] {
  const perLayer = Math.max(200, Math.floor((o.maxNodes ?? 12_000) / Math.max(1, t.layerCount)));
  const rows = o.rows ?? 100;
  return Array.from({ length: t.layerCount }, (_, layer) => {
    const f = layerFiles(t, layer);
    const written = [...f.added, ...f.modified].filter((c) => c.kind === "file" && c.size > 0);
    const tree = foldSizeTree(treeOf(written, layer), { maxNodes: perLayer });
    return {
      layer,
      tree,
      files: listed(f, rows),
      deleted: f.deleted.slice(0, rows),
      counts: { added: f.added.length, modified: f.modified.length, deleted: f.deleted.length },
    };
  });
}

function listed(f: LayerFilesReport, rows: number): LayerWalk["files"] {
  const all = [
    ...f.added.map((c) => ({ c, change: "A" as const })),
    ...f.modified.map((c) => ({ c, change: "M" as const })),
  ].sort((a, b) => b.c.size - a.c.size || (a.c.path < b.c.path ? -1 : 1));
  return all.slice(0, rows).map(({ c, change }) => ({
    path: c.path,
    size: c.size,
    change,
    ...(c.hiddenBy !== undefined ? { hiddenBy: c.hiddenBy } : {}),
  }));
}

/** A directory tree of files (no recursion: each path is walked down from the root). */
function treeOf(
  files: { path: string; size: number; hiddenBy?: number }[],
  layer: number,
): SizeTree {
  const root: SizeTree = { name: "/", size: 0, files: 0, layer, waste: 0, children: [] };
  const index = new Map<SizeTree, Map<string, SizeTree>>();
  for (const f of files) {
    const waste = f.hiddenBy !== undefined ? f.size : 0;
    let node = root;
    for (const name of f.path.split("/").filter(Boolean)) {
      node.size += f.size;
      node.files++;
      node.waste = (node.waste ?? 0) + waste;
      let kids = index.get(node);
      if (!kids) index.set(node, (kids = new Map()));
      let child = kids.get(name);
      if (!child) {
        child = { name, size: 0, files: 0, layer, waste: 0 };
        (node.children ??= []).push(child);
        kids.set(name, child);
      }
      node = child;
    }
    node.size += f.size;
    node.files++;
    node.waste = (node.waste ?? 0) + waste;
  }
  return root;
}

/**
 * Adds to the final filesystem's tree the bytes each path's hidden copies cost, from the
 * per-path history: what the treemap's "waste" colouring shows.
 */
export function addWaste(tree: SizeTree, t: LayerTree): SizeTree {
  const waste = wastedBytes(t, stateAt(t, t.layerCount - 1));
  const stack: [SizeTree, string][] = [[tree, ""]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    const i = node.name.startsWith("(") ? -1 : findNode(t, path);
    if (i >= 0 && waste[i] > 0) node.waste = waste[i];
    for (const c of node.children ?? []) stack.push([c, `${path}/${c.name}`]);
  }
  return tree;
}
