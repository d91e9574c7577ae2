import { KIND, type LayerTree } from "./layer-tree.js";

/**
 * The filesystem after a layer, read from a LayerTree: for each node the event that is its
 * current state (-1: absent), and whether it is present (1 by its own entry, 2 as a
 * directory only implied by a present child). "whiteouts" stops after the layer's
 * whiteouts, before its entries: the state the layer's entries are stacked on.
 */
export interface LayerState {
  layer: number;
  current: Int32Array;
  present: Uint8Array;
}

const PRESENT = 1;
const IMPLIED = 2;

export function stateAt(
  t: LayerTree,
  layer: number,
  phase: "after" | "whiteouts" = "after",
): LayerState {
  const n = t.size;
  const current = new Int32Array(n).fill(-1);
  const present = new Uint8Array(n);
  // resetBelow[i]: the latest layer (≤ `layer`) that cleared what lies under i, through a
  // whiteout or opaque marker or a non-directory replacing i or one of its ancestors.
  const resetBelow = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const above = i === 0 ? -1 : resetBelow[t.parent[i]];
    let cur = -1;
    let reset = -1;
    for (let k = t.evStart[i]; k < t.evStart[i + 1]; k++) {
      const l = t.evLayer[k];
      const kind = t.evKind[k];
      if (l > layer) break;
      const clears = kind === KIND.deleted || kind === KIND.opaque;
      if (l === layer && phase === "whiteouts" && !clears) break;
      if (kind !== KIND.dir) reset = l;
      if (kind !== KIND.opaque) cur = k;
    }
    resetBelow[i] = Math.max(above, reset);
    if (cur >= 0 && t.evKind[cur] !== KIND.deleted && t.evLayer[cur] >= above) {
      current[i] = cur;
      present[i] = PRESENT;
    }
  }
  for (let i = n - 1; i > 0; i--) {
    const p = t.parent[i];
    if (present[i] && !present[p]) present[p] = IMPLIED;
  }
  return { layer, current, present };
}

/** The empty filesystem below the first layer. */
export function emptyState(t: LayerTree): LayerState {
  return { layer: -1, current: new Int32Array(t.size).fill(-1), present: new Uint8Array(t.size) };
}

/** Regular-file bytes of the current entry of node i (0 when absent or not a file). */
export function fileBytes(t: LayerTree, s: LayerState, i: number): number {
  const k = s.current[i];
  return k >= 0 && t.evKind[k] === KIND.file ? t.evEntry[k]!.size : 0;
}

/** Regular-file bytes at or below each node in a state (one backward pass). */
export function subtreeBytes(t: LayerTree, s: LayerState): Float64Array {
  const bytes = new Float64Array(t.size);
  for (let i = t.size - 1; i >= 0; i--) {
    bytes[i] += fileBytes(t, s, i);
    if (i > 0) bytes[t.parent[i]] += bytes[i];
  }
  return bytes;
}

/**
 * For a file event k of node i: the layer that hid it (overwrote or deleted the path, or
 * cleared a directory above it), or -1 when it is still visible at the top.
 */
export function hiddenBy(t: LayerTree, i: number, k: number): number {
  const written = t.evLayer[k];
  let first = Infinity;
  for (let j = k + 1; j < t.evStart[i + 1]; j++)
    if (t.evKind[j] !== KIND.opaque) {
      first = t.evLayer[j];
      break;
    }
  for (let a = t.parent[i], child = i; child > 0; child = a, a = t.parent[a]) {
    for (let j = t.evStart[a]; j < t.evStart[a + 1]; j++) {
      const l = t.evLayer[j];
      const clears = t.evKind[j] !== KIND.dir;
      // An opaque marker on the parent clears its children; on any other ancestor too.
      if (clears && l > written && l < first) first = l;
    }
  }
  return first === Infinity ? -1 : first;
}

/**
 * Wasted bytes of each node: the sizes of its file versions that the top of the image no
 * longer shows (overwritten or deleted), summed up the tree. Matches analysis/waste.ts.
 */
export function wastedBytes(t: LayerTree, top: LayerState): Float64Array {
  const waste = new Float64Array(t.size);
  for (let i = t.size - 1; i >= 0; i--) {
    for (let k = t.evStart[i]; k < t.evStart[i + 1]; k++)
      if (t.evKind[k] === KIND.file && top.current[i] !== k) waste[i] += t.evEntry[k]!.size;
    if (i > 0) waste[t.parent[i]] += waste[i];
  }
  return waste;
}
