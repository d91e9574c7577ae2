import { KIND, findNode, nodePath, subtreeEnd, type LayerTree } from "../filetree/layer-tree.js";
import { hiddenBy, type LayerState } from "../filetree/layer-state.js";
import { humanBytes } from "../report/units.js";
import { terminalText } from "../model/terminal-text.js";
import { cursorNode, reveal, withView, type ExploreState } from "./state.js";

/** A wasted copy of a file: the event that wrote it, and the layer that hid it. */
interface WastedCopy {
  node: number;
  event: number;
  wrote: number;
  hid: number;
}

/** Goes to the layer that wrote the wasted bytes under the cursor (the largest copy below a directory). */
export function jumpToWriter(s: ExploreState): ExploreState {
  const copy = wastedCopy(s);
  if (!copy) return { ...s, message: "no wasted bytes here" };
  const moved = reveal(withView(s, { layer: copy.wrote }), copy.node);
  return { ...moved, message: moved.message ?? describe(s, copy) };
}

/** Goes to the layer that overwrote or deleted the wasted bytes under the cursor. */
export function jumpToHider(s: ExploreState): ExploreState {
  const copy = wastedCopy(s);
  if (!copy || copy.hid < 0) return { ...s, message: "no wasted bytes here" };
  const moved = reveal(withView(s, { layer: copy.hid }), copy.node);
  return { ...moved, message: moved.message ?? describe(s, copy) };
}

function describe(s: ExploreState, c: WastedCopy): string {
  const t = s.data.tree;
  const size = humanBytes(t.evEntry[c.event]!.size);
  return terminalText(
    `${nodePath(t, c.node)}: ${size} written by layer ${c.wrote}, hidden by layer ${c.hid}`,
  );
}

function wastedCopy(s: ExploreState): WastedCopy | undefined {
  const node = cursorNode(s);
  if (node < 0 || !(s.data.waste[node] > 0)) return undefined;
  const t = s.data.tree;
  const top = s.data.state(t.layerCount - 1);
  let best: WastedCopy | undefined;
  let bestBytes = -1;
  const end = subtreeEnd(t, node);
  for (let j = node; j < end; j++) {
    const k = pickEvent(t, top, j, s.layer);
    if (k < 0 || t.evEntry[k]!.size <= bestBytes) continue;
    bestBytes = t.evEntry[k]!.size;
    best = { node: j, event: k, wrote: t.evLayer[k], hid: hiddenBy(t, j, k) };
  }
  return best;
}

/** The wasted file version of node j in the selected layer, else the latest before it, else the first. */
function pickEvent(t: LayerTree, top: LayerState, j: number, layer: number): number {
  let before = -1;
  let first = -1;
  for (let k = t.evStart[j]; k < t.evStart[j + 1]; k++) {
    if (t.evKind[k] !== KIND.file || top.current[j] === k || t.evEntry[k]!.size === 0) continue;
    if (t.evLayer[k] === layer) return k;
    if (first < 0) first = k;
    if (t.evLayer[k] < layer) before = k;
  }
  return before >= 0 ? before : first;
}

/** Opens the next (1) or previous (-1) image finding that names a layer: its layer, its first path. */
export function openFinding(s: ExploreState, step: 1 | -1): ExploreState {
  const findings = s.data.report.findings;
  const withLayer = findings.map((f, i) => (f.layer === undefined ? -1 : i)).filter((i) => i >= 0);
  if (!withLayer.length) return { ...s, message: "no finding names a layer" };
  const at = withLayer.indexOf(s.finding);
  const pick =
    withLayer[
      at < 0
        ? step > 0
          ? 0
          : withLayer.length - 1
        : (at + step + withLayer.length) % withLayer.length
    ];
  const f = findings[pick];
  let next: ExploreState = { ...withView(s, { layer: f.layer! }), finding: pick };
  const path = f.paths?.[0];
  const node = path ? findNode(s.data.tree, path) : -1;
  if (node > 0) next = reveal(next, node);
  return { ...next, message: terminalText(`${f.severity} ${f.rule}: ${f.message}`) };
}
