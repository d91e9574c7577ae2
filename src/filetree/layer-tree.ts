import type { LayerEntry } from "../tar/layer-entry.js";

/** Event kinds, in the order of LayerEntry kinds; DELETED is a whiteout, OPAQUE an opaque marker. */
export const KIND = { file: 0, dir: 1, symlink: 2, hardlink: 3, other: 4, deleted: 5, opaque: 6 };
const KIND_OF: Record<LayerEntry["kind"], number> = {
  file: KIND.file,
  dir: KIND.dir,
  symlink: KIND.symlink,
  hardlink: KIND.hardlink,
  other: KIND.other,
  whiteout: KIND.deleted,
  opaque: KIND.opaque,
};

/**
 * Every path any layer touched, with each layer's event on it: the per-path history the
 * explorer and `analyze --layer` read any layer's state from, without re-stacking layers.
 * Nodes are numbered in preorder with children sorted by name, so a parent's number is
 * below its children's: a forward loop visits parents first, a backward loop children first.
 * Events of a node are in layer order; within a layer, whiteouts come before entries, as
 * the OCI image spec applies them (layer.md, "Whiteouts").
 */
export interface LayerTree {
  size: number;
  layerCount: number;
  parent: Int32Array;
  name: string[];
  /** Children of node i: childIds[childStart[i] .. childStart[i+1]), by name. */
  childStart: Int32Array;
  childIds: Int32Array;
  /** Events of node i: evLayer/evKind/evEntry[evStart[i] .. evStart[i+1]). */
  evStart: Int32Array;
  evLayer: Int32Array;
  evKind: Uint8Array;
  evEntry: (LayerEntry | undefined)[];
}

interface BuildNode {
  name: string;
  children?: Map<string, BuildNode>;
  events: number[];
}

/** Builds the tree from each layer's entries (bottom layer first). Linear in entries. */
export function buildLayerTree(layers: readonly (readonly LayerEntry[])[]): LayerTree {
  const root: BuildNode = { name: "", events: [] };
  const events: { layer: number; entry: LayerEntry }[] = [];
  const record = (layer: number, e: LayerEntry) => {
    nodeAt(root, e.path).events.push(events.length);
    events.push({ layer, entry: e });
  };
  layers.forEach((entries, layer) => {
    for (const e of entries) if (e.kind === "whiteout" || e.kind === "opaque") record(layer, e);
    for (const e of entries) if (e.kind !== "whiteout" && e.kind !== "opaque") record(layer, e);
  });
  return pack(root, events, layers.length);
}

function nodeAt(root: BuildNode, path: string): BuildNode {
  let node = root;
  if (!path) return node;
  for (const name of path.split("/")) {
    node.children ??= new Map();
    let child = node.children.get(name);
    if (!child) node.children.set(name, (child = { name, events: [] }));
    node = child;
  }
  return node;
}

/** Numbers nodes in preorder (iteratively: depth comes from the input) and packs the arrays. */
function pack(
  root: BuildNode,
  events: { layer: number; entry: LayerEntry }[],
  layerCount: number,
): LayerTree {
  const order: BuildNode[] = [];
  const parentOf: number[] = [];
  const stack: [BuildNode, number][] = [[root, -1]];
  while (stack.length) {
    const [node, parent] = stack.pop()!;
    order.push(node);
    parentOf.push(parent);
    const id = order.length - 1;
    if (!node.children) continue;
    const kids = [...node.children.values()].sort((a, b) => compareNames(a.name, b.name));
    for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k], id]);
  }
  const n = order.length;
  const parent = Int32Array.from(parentOf);
  const childStart = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) childStart[parent[i] + 1]++;
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];
  const childIds = new Int32Array(Math.max(0, n - 1));
  const fill = childStart.slice(0, n);
  // Preorder numbering visits siblings in name order, so appending keeps them sorted.
  for (let i = 1; i < n; i++) childIds[fill[parent[i]]++] = i;
  const evStart = new Int32Array(n + 1);
  order.forEach((node, i) => (evStart[i + 1] = evStart[i] + node.events.length));
  const m = evStart[n];
  const evLayer = new Int32Array(m);
  const evKind = new Uint8Array(m);
  const evEntry = new Array<LayerEntry | undefined>(m);
  order.forEach((node, i) =>
    node.events.forEach((ev, k) => {
      const { layer, entry } = events[ev];
      evLayer[evStart[i] + k] = layer;
      evKind[evStart[i] + k] = KIND_OF[entry.kind];
      evEntry[evStart[i] + k] = entry;
    }),
  );
  const name = order.map((node) => node.name);
  return {
    size: n,
    layerCount,
    parent,
    name,
    childStart,
    childIds,
    evStart,
    evLayer,
    evKind,
    evEntry,
  };
}

/** Byte order of UTF-16 code units, as `ls` in the C locale sorts: stable across hosts. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The absolute path of node i ("/" for the root). */
export function nodePath(t: LayerTree, i: number): string {
  const parts: string[] = [];
  for (let n = i; n > 0; n = t.parent[n]) parts.push(t.name[n]);
  return `/${parts.reverse().join("/")}`;
}

/** The node at an absolute or relative path, or -1. */
export function findNode(t: LayerTree, path: string): number {
  let node = 0;
  for (const part of path.split("/").filter(Boolean)) {
    let found = -1;
    for (let c = t.childStart[node]; c < t.childStart[node + 1]; c++)
      if (t.name[t.childIds[c]] === part) found = t.childIds[c];
    if (found < 0) return -1;
    node = found;
  }
  return node;
}

/** One past the last node of i's subtree (preorder: a subtree is a contiguous range). */
export function subtreeEnd(t: LayerTree, i: number): number {
  let n = i;
  while (t.childStart[n + 1] > t.childStart[n]) n = t.childIds[t.childStart[n + 1] - 1];
  return n + 1;
}
