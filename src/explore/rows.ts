import type { LayerTree } from "../filetree/layer-tree.js";
import type { TreeView } from "./tree-view.js";

export type SortKey = "size" | "name";

/** One visible row of the file tree. */
export interface Row {
  node: number;
  /** 1 for the root's children. */
  depth: number;
}

/**
 * The flattened index of visible rows, without flattening: each node knows how many rows
 * its subtree takes (0 when hidden, 1 when collapsed), so row r is found by walking down
 * from the root, and a screen is the next rows from there. Only the directories on that
 * walk have their children sorted (cached), so a screen costs its height, not the tree.
 */
export class RowIndex {
  private readonly sorted = new Map<number, Int32Array>();

  private constructor(
    readonly tree: LayerTree,
    readonly view: TreeView,
    readonly sort: SortKey,
    readonly expanded: Uint8Array,
    /** Rows of node i's subtree, i's own row included. */
    private readonly count: Int32Array,
    /** Rows of node i's children's subtrees. */
    private readonly below: Int32Array,
  ) {}

  static build(tree: LayerTree, view: TreeView, sort: SortKey, expanded: Uint8Array): RowIndex {
    const n = tree.size;
    const count = new Int32Array(n);
    const below = new Int32Array(n);
    for (let i = n - 1; i > 0; i--) {
      if (!view.shown[i]) continue;
      count[i] = 1 + (expanded[i] ? below[i] : 0);
      below[tree.parent[i]] += count[i];
    }
    count[0] = below[0];
    return new RowIndex(tree, view, sort, expanded, count, below);
  }

  get total(): number {
    return this.below[0];
  }

  /** Whether node i has visible children to expand into. */
  expandable(i: number): boolean {
    return this.below[i] > 0;
  }

  /** A new index with node i expanded or collapsed; only i's ancestors are updated. */
  withExpanded(i: number, open: boolean): RowIndex {
    if (Boolean(this.expanded[i]) === open || i === 0) return this;
    const expanded = this.expanded.slice();
    expanded[i] = open ? 1 : 0;
    const count = this.count.slice();
    const below = this.below.slice();
    const delta = open ? below[i] : -below[i];
    if (this.view.shown[i]) {
      count[i] += delta;
      // Rows change up to the first collapsed ancestor, whose own row count stays 1.
      for (let a = this.tree.parent[i]; a >= 0; a = this.tree.parent[a]) {
        below[a] += delta;
        if (a > 0 && !expanded[a]) break;
        count[a] += delta;
      }
    }
    const next = new RowIndex(this.tree, this.view, this.sort, expanded, count, below);
    for (const [k, v] of this.sorted) next.sorted.set(k, v);
    return next;
  }

  /** The visible children of node i, in the sort order. */
  children(i: number): Int32Array {
    let list = this.sorted.get(i);
    if (list) return list;
    const { tree, view } = this;
    const ids: number[] = [];
    for (let c = tree.childStart[i]; c < tree.childStart[i + 1]; c++)
      if (view.shown[tree.childIds[c]]) ids.push(tree.childIds[c]);
    // Node numbers follow name order, so they break ties in the size order.
    if (this.sort === "size") ids.sort((a, b) => view.size[b] - view.size[a] || a - b);
    this.sorted.set(i, (list = Int32Array.from(ids)));
    return list;
  }

  /** Up to `count` rows starting at row `from`. */
  rows(from: number, count: number): Row[] {
    const out: Row[] = [];
    if (from < 0 || from >= this.total) return out;
    const stack: { list: Int32Array; at: number }[] = [];
    let list = this.children(0);
    let rest = from;
    for (;;) {
      let at = 0;
      while (this.count[list[at]] <= rest) rest -= this.count[list[at++]];
      stack.push({ list, at });
      if (rest === 0) break;
      rest--;
      list = this.children(list[at]);
    }
    while (out.length < count && stack.length) {
      const top = stack[stack.length - 1];
      const node = top.list[top.at];
      out.push({ node, depth: stack.length });
      if (this.expanded[node] && this.below[node] > 0) {
        stack.push({ list: this.children(node), at: 0 });
        continue;
      }
      while (stack.length) {
        const s = stack[stack.length - 1];
        if (++s.at < s.list.length) break;
        stack.pop();
      }
    }
    return out;
  }

  /** The row of node i, or -1 when it is hidden or inside a collapsed directory. */
  rowOf(i: number): number {
    if (i <= 0 || !this.view.shown[i]) return -1;
    let row = 0;
    for (let n = i; n > 0; n = this.tree.parent[n]) {
      const p = this.tree.parent[n];
      if (p > 0 && !this.expanded[p]) return -1;
      for (const sib of this.children(p)) {
        if (sib === n) break;
        row += this.count[sib];
      }
      if (p > 0) row++;
    }
    return row;
  }

  /** Depth of node i below the root (the root's children are 1). */
  depthOf(i: number): number {
    let d = 0;
    for (let n = i; n > 0; n = this.tree.parent[n]) d++;
    return d;
  }
}
