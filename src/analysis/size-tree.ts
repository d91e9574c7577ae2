import { walk, type FsNode } from "../filetree/node.js";

/** A directory tree of the final filesystem by bytes, small enough to embed in a report. */
export interface SizeTree {
  name: string;
  /** Bytes of regular files at or below this node. */
  size: number;
  /** Regular files at or below this node. */
  files: number;
  /** Layer that wrote a file; for a directory, the layer behind its largest child. */
  layer?: number;
  /** Bytes of this path's copies that later layers hid (shadowed or deleted), when known. */
  waste?: number;
  children?: SizeTree[];
}

export interface SizeTreeOptions {
  /** Upper bound on nodes kept (default 3000): a few hundred kB of JSON at most. */
  maxNodes?: number;
  /** Files and directories below this share of the image are folded into their parent (default 0.0005). */
  minShare?: number;
}

/** Levels of directories kept in the tree. */
const MAX_DEPTH = 64;

/**
 * Summarises the merged filesystem for a treemap: every directory and file that holds at
 * least `minShare` of the bytes, the rest folded into one "(N smaller items)" node per
 * directory, so the areas still add up to the directory's bytes.
 */
export function sizeTree(root: FsNode, options: SizeTreeOptions = {}): SizeTree {
  return foldSizeTree(measure(root, "/"), options);
}

/** Folds a measured tree to the node budget (see sizeTree); exported for the per-layer trees. */
export function foldSizeTree(full: SizeTree, options: SizeTreeOptions = {}): SizeTree {
  const minBytes = Math.max(1, full.size * (options.minShare ?? 0.0005));
  let budget = options.maxNodes ?? 3000;
  // Breadth first, so the budget goes to the big directories at every level before any one
  // subtree's depths.
  const queue: [SizeTree, number][] = [[full, 0]];
  for (let head = 0; head < queue.length; head++) {
    const [node, depth] = queue[head];
    if (!node.children) continue;
    // Below MAX_DEPTH a directory is one leaf: no treemap shows it, and the JSON that embeds
    // the tree must not nest thousands deep (issue 13 §4).
    if (depth >= MAX_DEPTH) {
      delete node.children;
      continue;
    }
    const kids = [...node.children].sort((a, b) => b.size - a.size || a.name.localeCompare(b.name));
    const kept: SizeTree[] = [];
    const rest = { size: 0, files: 0, count: 0, waste: 0 };
    for (const child of kids) {
      if (child.size >= minBytes && budget > 0) {
        budget--;
        kept.push(child);
        queue.push([child, depth + 1]);
      } else {
        rest.size += child.size;
        rest.files += child.files;
        rest.waste += child.waste ?? 0;
        rest.count++;
      }
    }
    if (rest.size > 0)
      kept.push({
        name: `(${rest.count} smaller item${rest.count === 1 ? "" : "s"})`,
        size: rest.size,
        files: rest.files,
        ...(rest.waste ? { waste: rest.waste } : {}),
      });
    node.children = kept;
  }
  // Children before parents: a directory takes the layer of its largest child.
  for (let at = queue.length - 1; at >= 0; at--) {
    const [node] = queue[at];
    const first = node.children?.[0];
    if (first?.layer !== undefined && node.layer === undefined) node.layer = first.layer;
  }
  return full;
}

/** The full size tree of `root`, built bottom-up with an explicit stack (paths nest deep). */
function measure(root: FsNode, rootName: string): SizeTree {
  type Frame = { node: FsNode; out: SizeTree; children: Iterator<FsNode>; kept: SizeTree[] };
  const leaf = (node: FsNode, name: string): SizeTree => {
    const file = node.entry?.kind === "file";
    return {
      name,
      size: file ? node.entry!.size : 0,
      files: file ? 1 : 0,
      ...(node.layer >= 0 ? { layer: node.layer } : {}),
    };
  };
  const frame = (node: FsNode, name: string): Frame => ({
    node,
    out: { name, size: 0, files: 0 },
    children: node.children!.values(),
    kept: [],
  });
  if (!root.children) return leaf(root, rootName);
  const stack = [frame(root, rootName)];
  for (;;) {
    const top = stack[stack.length - 1];
    const next = top.children.next();
    if (!next.done) {
      const child = next.value;
      if (child.children) stack.push(frame(child, child.name));
      else {
        const t = leaf(child, child.name);
        if (t.size > 0) top.kept.push(t);
      }
      continue;
    }
    stack.pop();
    const { out, kept } = top;
    out.size = kept.reduce((s, c) => s + c.size, 0);
    out.files = kept.reduce((s, c) => s + c.files, 0);
    out.children = kept;
    const parent = stack[stack.length - 1];
    if (!parent) return out;
    if (out.size > 0) parent.kept.push(out);
  }
}

/** Bytes of regular files in the tree (equals the report's `size.visible`). */
export function treeBytes(root: FsNode): number {
  let total = 0;
  walk(root, (n) => (total += n.entry?.kind === "file" ? n.entry.size : 0));
  return total;
}
