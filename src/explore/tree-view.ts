import { KIND } from "../filetree/layer-tree.js";
import { emptyState } from "../filetree/layer-state.js";
import type { ExploreData } from "./data.js";
import type { PathFilter } from "./filter.js";

/** What a path's row says happened to it in the selected layer. */
export const MARK = { none: 0, added: 1, modified: 2, deleted: 3 } as const;
export type Mark = (typeof MARK)[keyof typeof MARK];

/** Show-only flags (a bit set; 0 shows everything). */
export const ONLY = { added: 1, modified: 2, deleted: 4, wasted: 8 } as const;

export interface ViewOptions {
  layer: number;
  /** The filesystem up to the layer (true), or only what the layer changed. */
  aggregated: boolean;
  only: number;
  filter?: PathFilter;
}

/** The file tree for one layer and filter: which nodes show, their marks, entries and sizes. */
export interface TreeView extends ViewOptions {
  shown: Uint8Array;
  mark: Uint8Array;
  /** The event a row shows (mode, owner, kind); -1 for a directory implied by its children. */
  event: Int32Array;
  /** Bytes of the row: the file's size, or the shown files under a directory. */
  size: Float64Array;
  files: number;
}

/**
 * Computes the view in a few linear passes over typed arrays (no recursion, no sorting):
 * about 10 ms for 200k paths, which keeps a layer switch or a filter under the key budget.
 */
export function computeView(data: ExploreData, o: ViewOptions): TreeView {
  const t = data.tree;
  const n = t.size;
  const below = o.layer > 0 ? data.state(o.layer - 1) : emptyState(t);
  const stacked = data.state(o.layer, "whiteouts");
  const after = data.state(o.layer);
  const mark = new Uint8Array(n);
  const event = new Int32Array(n).fill(-1);
  const pass = new Uint8Array(n);
  const paths = o.filter && !o.filter.nameOnly ? data.paths() : undefined;
  // A directory that matches the filter brings its whole subtree along.
  const matched = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (o.filter && i > 0)
      matched[i] = matched[t.parent[i]] || (o.filter.test(paths ? paths[i] : t.name[i]) ? 1 : 0);
    const cur = after.current[i];
    if (after.present[i] === 1 && t.evLayer[cur] === o.layer)
      mark[i] = stacked.present[i] === 1 ? MARK.modified : MARK.added;
    else if (below.present[i] && !after.present[i]) mark[i] = MARK.deleted;
    event[i] = after.present[i] ? cur : mark[i] === MARK.deleted ? below.current[i] : -1;
    const base = o.aggregated ? after.present[i] > 0 || mark[i] !== 0 : mark[i] !== 0;
    if (!base) continue;
    if (o.only && !onlyMatches(o.only, mark[i], data.waste[i] > 0)) continue;
    if (o.filter && !matched[i]) continue;
    pass[i] = 1;
  }
  const shown = pass;
  const size = new Float64Array(n);
  let files = 0;
  for (let i = n - 1; i > 0; i--) {
    const k = event[i];
    if (shown[i] && k >= 0 && t.evKind[k] === KIND.file) {
      size[i] += t.evEntry[k]!.size;
      files++;
    }
    if (shown[i]) {
      const p = t.parent[i];
      shown[p] = 1;
      size[p] += size[i];
    }
  }
  shown[0] = 1;
  return { ...o, shown, mark, event, size, files };
}

function onlyMatches(only: number, mark: number, wasted: boolean): boolean {
  return ((only & ONLY.added && mark === MARK.added) ||
    (only & ONLY.modified && mark === MARK.modified) ||
    (only & ONLY.deleted && mark === MARK.deleted) ||
    (only & ONLY.wasted && wasted)) as boolean;
}

/** Whether node i shows as a directory (its entry is one, or it only exists through children). */
export function isDir(data: ExploreData, v: TreeView, i: number): boolean {
  const k = v.event[i];
  return k < 0
    ? data.tree.childStart[i + 1] > data.tree.childStart[i]
    : data.tree.evKind[k] === KIND.dir;
}
