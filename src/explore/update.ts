import { compileFilter } from "./filter.js";
import { RowIndex } from "./rows.js";
import { jumpToHider, jumpToWriter, openFinding } from "./jumps.js";
import { cursorNode, keepVisible, treeHeight, withView, type ExploreState } from "./state.js";
import { ONLY } from "./tree-view.js";

/** A key name from keys.ts, or a new terminal size. */
export type Input = string | { resize: [number, number] };

/** The state after one input. Pure: the terminal view only draws what this returns. */
export function update(s: ExploreState, input: Input): ExploreState {
  if (typeof input !== "string") {
    const [width, height] = input.resize;
    return keepVisible({ ...s, width, height });
  }
  const key = input;
  if (key === "ctrl-c") return { ...s, quit: true };
  if (s.prompt !== undefined) return promptKey({ ...s, message: undefined }, key);
  if (s.help) return key === "q" ? { ...s, quit: true } : { ...s, help: false };
  const next = { ...s, message: undefined };
  return (s.focus === "layers" ? layerKey(next, key) : undefined) ?? commonKey(next, key);
}

function commonKey(s: ExploreState, key: string): ExploreState {
  const page = treeHeight(s);
  switch (key) {
    case "q":
      return { ...s, quit: true };
    case "?":
      return { ...s, help: true };
    case "tab":
    case "backtab":
      return { ...s, focus: s.focus === "files" ? "layers" : "files" };
    case "up":
    case "k":
      return move(s, -1);
    case "down":
    case "j":
      return move(s, 1);
    case "wheelup":
      return move(s, -3);
    case "wheeldown":
      return move(s, 3);
    case "pageup":
      return move(s, -page);
    case "pagedown":
    case "space":
      return move(s, page);
    case "home":
    case "g":
      return move(s, -Infinity);
    case "end":
    case "G":
      return move(s, Infinity);
    case "right":
    case "l":
      return expand(s, true);
    case "left":
    case "h":
      return expand(s, false);
    case "enter":
      return toggle(s);
    case "e":
      return allExpanded(s, true);
    case "c":
      return allExpanded(s, false);
    case "[":
      return selectLayer(s, s.layer - 1);
    case "]":
      return selectLayer(s, s.layer + 1);
    case "a":
      return withView(s, { aggregated: !s.aggregated });
    case "s":
      return withView(s, { sort: s.sort === "size" ? "name" : "size" });
    case "t":
      return { ...s, attributes: !s.attributes };
    case "A":
      return withView(s, { only: s.only ^ ONLY.added });
    case "M":
      return withView(s, { only: s.only ^ ONLY.modified });
    case "D":
      return withView(s, { only: s.only ^ ONLY.deleted });
    case "W":
      return withView(s, { only: s.only ^ ONLY.wasted });
    case "x":
      return withView(s, { only: 0, filter: undefined });
    case "/":
      return { ...s, prompt: s.filter?.text ?? "" };
    case "w":
      return jumpToWriter(s);
    case "H":
      return jumpToHider(s);
    case "f":
      return openFinding(s, 1);
    case "F":
      return openFinding(s, -1);
    default:
      return s;
  }
}

/** With the layers pane focused, up/down/page/home/end pick the layer. */
function layerKey(s: ExploreState, key: string): ExploreState | undefined {
  const last = s.data.tree.layerCount - 1;
  const to: Record<string, number> = {
    up: s.layer - 1,
    k: s.layer - 1,
    wheelup: s.layer - 1,
    down: s.layer + 1,
    j: s.layer + 1,
    wheeldown: s.layer + 1,
    home: 0,
    g: 0,
    end: last,
    G: last,
    pageup: s.layer - 5,
    pagedown: s.layer + 5,
    enter: s.layer,
  };
  if (!(key in to)) return undefined;
  const layered = selectLayer(s, to[key]);
  return key === "enter" ? { ...layered, focus: "files" } : layered;
}

export function selectLayer(s: ExploreState, layer: number): ExploreState {
  const clamped = Math.max(0, Math.min(layer, s.data.tree.layerCount - 1));
  return clamped === s.layer ? s : withView(s, { layer: clamped });
}

function move(s: ExploreState, by: number): ExploreState {
  const cursor = Math.max(0, Math.min(s.cursor + by, s.rows.total - 1));
  return keepVisible({ ...s, cursor });
}

function expand(s: ExploreState, open: boolean): ExploreState {
  const node = cursorNode(s);
  if (node < 0) return s;
  const t = s.data.tree;
  if (open) {
    if (!s.rows.expandable(node)) return s;
    if (s.rows.expanded[node]) return move(s, 1);
    return keepVisible({ ...s, rows: s.rows.withExpanded(node, true) });
  }
  if (s.rows.expanded[node] && s.rows.expandable(node))
    return keepVisible({ ...s, rows: s.rows.withExpanded(node, false) });
  const parent = t.parent[node];
  return parent > 0 ? keepVisible({ ...s, cursor: s.rows.rowOf(parent) }) : s;
}

function toggle(s: ExploreState): ExploreState {
  const node = cursorNode(s);
  if (node < 0 || !s.rows.expandable(node)) return s;
  return keepVisible({ ...s, rows: s.rows.withExpanded(node, !s.rows.expanded[node]) });
}

function allExpanded(s: ExploreState, open: boolean): ExploreState {
  const node = cursorNode(s);
  const expanded = new Uint8Array(s.data.tree.size).fill(open ? 1 : 0);
  const next = { ...s, rows: RowIndex.build(s.data.tree, s.view, s.sort, expanded) };
  let row = node >= 0 ? next.rows.rowOf(node) : 0;
  // Collapsing all moves the cursor to the top-level directory it was in.
  if (row < 0) {
    let top = node;
    while (s.data.tree.parent[top] > 0) top = s.data.tree.parent[top];
    row = next.rows.rowOf(top);
  }
  return keepVisible({ ...next, cursor: Math.max(0, row) });
}

function promptKey(s: ExploreState, key: string): ExploreState {
  const text = s.prompt!;
  if (key === "esc") return { ...s, prompt: undefined };
  if (key === "backspace") return { ...s, prompt: text.slice(0, -1) };
  if (key === "ctrl-u") return { ...s, prompt: "" };
  if (key === "enter") {
    if (!text) return withView({ ...s, prompt: undefined }, { filter: undefined });
    try {
      return withView({ ...s, prompt: undefined }, { filter: compileFilter(text) });
    } catch (err) {
      return { ...s, message: (err as Error).message };
    }
  }
  if (key === "space") return { ...s, prompt: `${text} ` };
  return key.length === 1 ? { ...s, prompt: text + key } : s;
}
