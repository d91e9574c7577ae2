import { pathOf, walk, type FsNode } from "../../filetree/node.js";
import type { DetectedFinding } from "./detector.js";
import type { ImageFacts } from "./facts.js";

/** Visible nodes accepted by `test`, grouped by the layer that wrote them. */
export function visibleByLayer(
  facts: ImageFacts,
  test: (n: FsNode) => boolean,
): Map<number, FsNode[]> {
  const groups = new Map<number, FsNode[]>();
  walk(facts.root, (n) => {
    if (!n.parent || !n.entry || !test(n)) return;
    const group = groups.get(n.layer);
    if (group) group.push(n);
    else groups.set(n.layer, [n]);
  });
  return groups;
}

/** One finding per layer, with the message built from that layer's nodes. */
export function findingsPerLayer(
  facts: ImageFacts,
  groups: Map<number, FsNode[]>,
  message: (nodes: FsNode[]) => string,
): DetectedFinding[] {
  return [...groups]
    .sort((a, b) => a[0] - b[0])
    .map(([layer, nodes]) => ({
      message: message(nodes),
      bytes: nodes.reduce((s, n) => s + (n.entry?.kind === "file" ? n.entry.size : 0), 0),
      paths: nodes.map((n) => `/${pathOf(n)}`).sort(),
      layer,
      createdBy: facts.createdBy[layer] ?? "",
    }));
}
