import type { LayerEntry } from "../tar/layer-entry.js";
import { newNode, pathOf, recordEvent, subtreeBytes, walk, type FsNode } from "./node.js";

/** Bytes one layer wrote that a later layer hid, grouped by the operation that hid them. */
export interface HiddenBytes {
  /** The path hidden: a file, or a directory (ends in "/") whose files are counted together. */
  path: string;
  size: number;
  files: number;
  layer: number;
  hiddenBy: number;
  kind: "shadowed" | "deleted";
}

export interface LayerCounts {
  added: number;
  modified: number;
  deleted: number;
}

/** The merged filesystem of all layers, with the waste found on the way. */
export interface MergedTree {
  root: FsNode;
  hidden: HiddenBytes[];
  counts: LayerCounts[];
  /** For each whiteout entry (by layer, then path): bytes below the path it deleted, as dive sizes them. */
  whiteoutSizes: Map<number, Map<string, number>>;
}

/**
 * Stacks layers as the OCI image spec says (layer.md, "Whiteouts"): a layer's whiteouts
 * apply only to lower layers, so they are applied before the layer's own entries, whatever
 * their order in the tar. Each hidden regular file is recorded once, with its writer.
 */
export function mergeLayers(layers: LayerEntry[][]): MergedTree {
  const merger = new LayerMerger();
  for (const entries of layers) merger.add(entries);
  return merger.tree;
}

/** Merges layers one at a time, bottom first, so a scan can merge while it still reads. */
export class LayerMerger {
  readonly tree: MergedTree = {
    root: newNode("", undefined),
    hidden: [],
    counts: [],
    whiteoutSizes: new Map(),
  };

  constructor() {
    this.tree.root.children = new Map();
  }

  /** Stacks the next layer on the tree. */
  add(entries: LayerEntry[]): void {
    const { tree } = this;
    const layer = tree.counts.length;
    const counts: LayerCounts = { added: 0, modified: 0, deleted: 0 };
    const sizes = new Map<string, number>();
    for (const e of entries)
      if (e.kind === "whiteout" || e.kind === "opaque")
        applyWhiteout(tree, e, layer, counts, sizes);
    for (const e of entries)
      if (e.kind !== "whiteout" && e.kind !== "opaque") applyEntry(tree, e, layer, counts);
    tree.counts.push(counts);
    tree.whiteoutSizes.set(layer, sizes);
  }
}

function applyWhiteout(
  tree: MergedTree,
  e: LayerEntry,
  layer: number,
  counts: LayerCounts,
  sizes: Map<string, number>,
): void {
  const node = lookup(tree.root, e.path);
  if (e.kind === "whiteout") {
    counts.deleted++;
    sizes.set(e.path, node?.children ? subtreeBytes(node) : 0);
    if (!node || !node.parent) return;
    hide(tree, node, layer, "deleted");
    node.parent.children!.delete(node.name);
    recordEvent(node, layer, "deleted");
    return;
  }
  if (!node?.children) return;
  for (const child of [...node.children.values()]) {
    hide(tree, child, layer, "deleted");
    node.children.delete(child.name);
  }
}

function applyEntry(tree: MergedTree, e: LayerEntry, layer: number, counts: LayerCounts): void {
  if (e.path === "") {
    tree.root.entry = e;
    tree.root.layer = layer;
    return;
  }
  const parent = ensureDir(tree, e.path.slice(0, Math.max(0, e.path.lastIndexOf("/"))), layer);
  const name = e.path.slice(e.path.lastIndexOf("/") + 1);
  let node = parent.children!.get(name);
  const existed = node !== undefined && node.entry !== undefined;
  if (!node) {
    node = newNode(name, parent);
    parent.children!.set(name, node);
  } else if (e.kind !== "dir") {
    // A non-directory replaces whatever was there: a file's old bytes, or a whole directory.
    hide(tree, node, layer, "shadowed");
    node.children = undefined;
  } else if (!node.children) {
    hide(tree, node, layer, "shadowed");
  }
  if (e.kind === "dir") node.children ??= new Map();
  node.entry = e;
  node.layer = layer;
  if (e.kind !== "dir") existed ? counts.modified++ : counts.added++;
  recordEvent(node, layer, existed ? "modified" : "added");
}

/** Finds or creates the directory at `path`; a non-directory in the way is replaced. */
function ensureDir(tree: MergedTree, path: string, layer: number): FsNode {
  let node = tree.root;
  if (!path) return node;
  for (const name of path.split("/")) {
    let child = node.children!.get(name);
    if (!child) {
      child = newNode(name, node);
      node.children!.set(name, child);
    }
    if (!child.children) {
      if (child.entry) hide(tree, child, layer, "shadowed");
      child.entry = undefined;
      child.children = new Map();
    }
    node = child;
  }
  return node;
}

/**
 * Records the regular-file bytes at or below `node` as hidden by `layer`, one item per
 * writer layer (a deleted directory whose files came from two layers gives two items).
 */
function hide(tree: MergedTree, node: FsNode, layer: number, kind: HiddenBytes["kind"]): void {
  const byWriter = new Map<number, { size: number; files: number }>();
  walk(node, (n) => {
    if (n.entry?.kind !== "file") return;
    const acc = byWriter.get(n.layer) ?? { size: 0, files: 0 };
    acc.size += n.entry.size;
    acc.files++;
    byWriter.set(n.layer, acc);
  });
  const path = pathOf(node) + (node.children ? "/" : "");
  for (const [writer, { size, files }] of byWriter) {
    tree.hidden.push({ path, size, files, layer: writer, hiddenBy: layer, kind });
  }
}

export function lookup(root: FsNode, path: string): FsNode | undefined {
  if (!path) return root;
  let node: FsNode | undefined = root;
  for (const name of path.split("/")) {
    node = node?.children?.get(name);
    if (!node) return undefined;
  }
  return node;
}
