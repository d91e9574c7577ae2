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

/**
 * Builds the tree from each layer's entries (bottom layer first), linear in entries apart
 * from sorting siblings: one map lookup by full path per entry (ancestors are created only
 * once), events in flat arrays, then a preorder renumbering.
 */
export function buildLayerTree(layers: readonly (readonly LayerEntry[])[]): LayerTree {
  const ids = new Map<string, number>([["", 0]]);
  const parentOf: number[] = [-1];
  const names: string[] = [""];
  const idOf = (path: string): number => {
    let id = ids.get(path);
    if (id !== undefined) return id;
    const missing: string[] = [];
    for (
      let p = path;
      (id = ids.get(p)) === undefined;
      p = p.slice(0, Math.max(0, p.lastIndexOf("/")))
    )
      missing.push(p);
    for (let k = missing.length - 1; k >= 0; k--) {
      const q = missing[k];
      names.push(q.slice(q.lastIndexOf("/") + 1));
      parentOf.push(id);
      ids.set(q, (id = names.length - 1));
    }
    return id;
  };
  const evNode: number[] = [];
  const evLayerOf: number[] = [];
  const evEntryOf: LayerEntry[] = [];
  const record = (layer: number, e: LayerEntry) => {
    evNode.push(idOf(e.path));
    evLayerOf.push(layer);
    evEntryOf.push(e);
  };
  layers.forEach((entries, layer) => {
    for (const e of entries) if (e.kind === "whiteout" || e.kind === "opaque") record(layer, e);
    for (const e of entries) if (e.kind !== "whiteout" && e.kind !== "opaque") record(layer, e);
  });
  const renumber = preorder(parentOf, names);
  return pack(renumber, parentOf, names, evNode, evLayerOf, evEntryOf, layers.length);
}

/** New numbers in preorder, siblings by name, without recursion: old id → new id. */
function preorder(parentOf: number[], names: string[]): Int32Array {
  const n = names.length;
  const start = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) start[parentOf[i] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const kids = new Int32Array(Math.max(0, n - 1));
  const fill = start.slice(0, n);
  for (let i = 1; i < n; i++) kids[fill[parentOf[i]]++] = i;
  for (let i = 0; i < n; i++)
    if (start[i + 1] - start[i] > 1)
      kids.subarray(start[i], start[i + 1]).sort((a, b) => compareNames(names[a], names[b]));
  const newId = new Int32Array(n);
  const stack = [0];
  let next = 0;
  while (stack.length) {
    const i = stack.pop()!;
    newId[i] = next++;
    for (let c = start[i + 1] - 1; c >= start[i]; c--) stack.push(kids[c]);
  }
  return newId;
}

function pack(
  newId: Int32Array,
  parentOf: number[],
  names: string[],
  evNode: number[],
  evLayerOf: number[],
  evEntryOf: LayerEntry[],
  layerCount: number,
): LayerTree {
  const n = names.length;
  const parent = new Int32Array(n);
  const name = new Array<string>(n);
  for (let old = 0; old < n; old++) {
    parent[newId[old]] = old === 0 ? -1 : newId[parentOf[old]];
    name[newId[old]] = names[old];
  }
  const childStart = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) childStart[parent[i] + 1]++;
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];
  const childIds = new Int32Array(Math.max(0, n - 1));
  const fill = childStart.slice(0, n);
  // Preorder numbering visits siblings in name order, so appending keeps them sorted.
  for (let i = 1; i < n; i++) childIds[fill[parent[i]]++] = i;
  const m = evNode.length;
  const evStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) evStart[newId[evNode[k]] + 1]++;
  for (let i = 0; i < n; i++) evStart[i + 1] += evStart[i];
  const evLayer = new Int32Array(m);
  const evKind = new Uint8Array(m);
  const evEntry = new Array<LayerEntry | undefined>(m);
  const at = evStart.slice(0, n);
  // Stable: a node's events keep the order they were recorded in (layer, whiteouts first).
  for (let k = 0; k < m; k++) {
    const j = at[newId[evNode[k]]]++;
    evLayer[j] = evLayerOf[k];
    evKind[j] = KIND_OF[evEntryOf[k].kind];
    evEntry[j] = evEntryOf[k];
  }
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

/** The node at an absolute or relative path, or -1 (siblings are sorted: binary search). */
export function findNode(t: LayerTree, path: string): number {
  let node = 0;
  for (const part of path.split("/").filter(Boolean)) {
    let lo = t.childStart[node];
    let hi = t.childStart[node + 1] - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareNames(t.name[t.childIds[mid]], part);
      if (c === 0) {
        found = t.childIds[mid];
        break;
      }
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
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
