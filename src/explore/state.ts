import type { ExploreData } from "./data.js";
import type { PathFilter } from "./filter.js";
import { RowIndex, type SortKey } from "./rows.js";
import { computeView, type TreeView } from "./tree-view.js";

export type Pane = "layers" | "files";

/** Everything the screen shows; a key gives a new state (state.ts, keys.ts), never I/O. */
export interface ExploreState {
  data: ExploreData;
  width: number;
  height: number;
  focus: Pane;
  layer: number;
  aggregated: boolean;
  sort: SortKey;
  /** Mode and uid:gid columns. */
  attributes: boolean;
  only: number;
  filter?: PathFilter;
  /** The filter being typed, while the prompt is open. */
  prompt?: string;
  help: boolean;
  /** Row of the cursor in the file tree, and the first row on screen. */
  cursor: number;
  scroll: number;
  /** Index in report.findings of the finding last opened with f/F, or -1. */
  finding: number;
  /** One line for the status bar (what the last key did, or why it did nothing). */
  message?: string;
  quit: boolean;
  view: TreeView;
  rows: RowIndex;
}

/** The first screen: the last layer, aggregated, top-level directories, sorted by size. */
export function initialState(data: ExploreData, width: number, height: number): ExploreState {
  const base = {
    data,
    width,
    height,
    focus: "files" as Pane,
    layer: Math.max(0, data.tree.layerCount - 1),
    aggregated: true,
    sort: "size" as SortKey,
    // Mode and owner take 21 columns: shown by default where the names keep room.
    attributes: width >= 110,
    only: 0,
    help: false,
    cursor: 0,
    scroll: 0,
    finding: -1,
    quit: false,
  };
  const view = computeView(data, base);
  const rows = RowIndex.build(data.tree, view, base.sort, new Uint8Array(data.tree.size));
  return { ...base, view, rows };
}

/**
 * A state with new view options: the view and row index are recomputed (expansion kept),
 * and the cursor stays on the same path when that path is still shown.
 */
export function withView(
  s: ExploreState,
  changes: Partial<Pick<ExploreState, "layer" | "aggregated" | "only" | "filter" | "sort">>,
): ExploreState {
  const next = { ...s, ...changes };
  const sameView =
    next.layer === s.layer &&
    next.aggregated === s.aggregated &&
    next.only === s.only &&
    next.filter === s.filter;
  const view = sameView ? s.view : computeView(s.data, next);
  const rows = RowIndex.build(s.data.tree, view, next.sort, s.rows.expanded);
  const node = cursorNode(s);
  const row = node >= 0 ? rows.rowOf(node) : -1;
  return keepVisible({
    ...next,
    view,
    rows,
    cursor: row >= 0 ? row : Math.min(s.cursor, rows.total - 1),
  });
}

/** The node under the cursor, or -1 when the tree is empty. */
export function cursorNode(s: ExploreState): number {
  return s.rows.rows(s.cursor, 1)[0]?.node ?? -1;
}

/** Rows of the file list on screen (the pane without its borders, title and headers). */
export function treeHeight(s: ExploreState): number {
  return Math.max(1, s.height - 5);
}

/** Clamps the cursor and scrolls so that it is on screen. */
export function keepVisible(s: ExploreState): ExploreState {
  const total = s.rows.total;
  const cursor = Math.max(0, Math.min(s.cursor, total - 1));
  const h = treeHeight(s);
  let scroll = Math.min(s.scroll, Math.max(0, total - h));
  if (cursor < scroll) scroll = cursor;
  if (cursor >= scroll + h) scroll = cursor - h + 1;
  return { ...s, cursor, scroll: Math.max(0, scroll) };
}

/** Expands every ancestor of node i, then puts the cursor on it (if the view shows it). */
export function reveal(s: ExploreState, i: number): ExploreState {
  let rows = s.rows;
  const chain: number[] = [];
  for (let a = s.data.tree.parent[i]; a > 0; a = s.data.tree.parent[a]) chain.push(a);
  for (const a of chain.reverse()) rows = rows.withExpanded(a, true);
  const row = rows.rowOf(i);
  if (row < 0) return { ...s, rows, message: "that path is hidden by the current filter" };
  return keepVisible({ ...s, rows, cursor: row });
}
