import type { ImageReport } from "../model/report.js";
import { buildLayerTree, nodePath, type LayerTree } from "../filetree/layer-tree.js";
import { stateAt, wastedBytes, type LayerState } from "../filetree/layer-state.js";

/**
 * What the explorer shows, computed once per image: the report, the per-path history of
 * every layer, and the waste under each path. Layer states are computed on demand and kept.
 */
export interface ExploreData {
  report: ImageReport;
  tree: LayerTree;
  /** Bytes of each path's hidden copies (summed up the tree). */
  waste: Float64Array;
  state(layer: number, phase?: "after" | "whiteouts"): LayerState;
  /** Absolute paths of every node, built on the first path filter. */
  paths(): string[];
}

/** Most layer states kept at once (each is 9 bytes a node): the three phases of three layers. */
const STATE_CACHE = 9;

export function exploreData(
  report: ImageReport,
  layers: Parameters<typeof buildLayerTree>[0],
): ExploreData {
  const tree = buildLayerTree(layers);
  const cache = new Map<string, LayerState>();
  const state = (layer: number, phase: "after" | "whiteouts" = "after") => {
    const key = `${layer}${phase}`;
    let s = cache.get(key);
    if (!s) {
      if (cache.size >= STATE_CACHE) cache.delete(cache.keys().next().value!);
      cache.set(key, (s = stateAt(tree, layer, phase)));
    }
    return s;
  };
  const waste = wastedBytes(tree, state(tree.layerCount - 1));
  let paths: string[] | undefined;
  return {
    report,
    tree,
    waste,
    state,
    paths: () => (paths ??= allPaths(tree)),
  };
}

/** Every node's path in one forward pass: a parent's path is built before its children's. */
function allPaths(t: LayerTree): string[] {
  const out = new Array<string>(t.size);
  out[0] = "/";
  for (let i = 1; i < t.size; i++) {
    const p = t.parent[i];
    out[i] = p === 0 ? `/${t.name[i]}` : `${out[p]}/${t.name[i]}`;
  }
  return out;
}

export { nodePath };
