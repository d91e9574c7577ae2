import type { LayerEntry } from "../tar/layer-entry.js";

/** What happened to a path in one layer. */
export interface PathEvent {
  layer: number;
  action: "added" | "modified" | "deleted";
}

/** A path of the merged filesystem: its current entry and the layer that wrote it. */
export interface FsNode {
  name: string;
  parent: FsNode | undefined;
  /** Present for directories (explicit or implied by a child's path). */
  children?: Map<string, FsNode>;
  /** The visible tar entry; undefined for a directory only implied by its children. */
  entry?: LayerEntry;
  /** Layer of `entry`. */
  layer: number;
  /** Oldest first. Read-only: shared between nodes; use recordEvent to add. */
  history: readonly PathEvent[];
}

export function newNode(name: string, parent: FsNode | undefined): FsNode {
  // All fields up front: one object shape for every node keeps 10⁵ nodes compact.
  return { name, parent, children: undefined, entry: undefined, layer: -1, history: NO_HISTORY };
}

const NO_HISTORY: readonly PathEvent[] = Object.freeze([]);
const SINGLE = new Map<string, readonly PathEvent[]>();

/**
 * Appends to a node's history. Most paths have a single event, so single-event histories
 * are shared frozen arrays; a second event copies (histories are read-only to everyone else).
 */
export function recordEvent(node: FsNode, layer: number, action: PathEvent["action"]): void {
  if (node.history.length === 0) {
    const key = `${layer}${action}`;
    let shared = SINGLE.get(key);
    if (!shared) SINGLE.set(key, (shared = Object.freeze([Object.freeze({ layer, action })])));
    node.history = shared;
  } else {
    node.history = [...node.history, { layer, action }];
  }
}

/** The slash-separated path of a node ("" for the root). */
export function pathOf(node: FsNode): string {
  const parts: string[] = [];
  for (let n: FsNode | undefined = node; n?.parent; n = n.parent) parts.push(n.name);
  return parts.reverse().join("/");
}

/**
 * Visits a node and everything below it, depth first, parents before children. Iterative:
 * a layer may nest directories thousands deep (issue 13 §4).
 */
export function walk(node: FsNode, visit: (n: FsNode) => void): void {
  visit(node);
  const stack: Iterator<FsNode>[] = node.children ? [node.children.values()] : [];
  while (stack.length > 0) {
    const next = stack[stack.length - 1].next();
    if (next.done) {
      stack.pop();
      continue;
    }
    visit(next.value);
    if (next.value.children) stack.push(next.value.children.values());
  }
}

/** Regular-file bytes of a node and everything below it. */
export function subtreeBytes(node: FsNode): number {
  let total = 0;
  walk(node, (n) => (total += n.entry?.kind === "file" ? n.entry.size : 0));
  return total;
}
