import { walk, type FsNode } from "../filetree/node.js";

/** A directory tree of the final filesystem by bytes, small enough to embed in a report. */
export interface SizeTree {
  name: string;
  /** Bytes of regular files at or below this node. */
  size: number;
  /** Regular files at or below this node. */
  files: number;
  /** Layer that wrote a file (files only). */
  layer?: number;
  children?: SizeTree[];
}

export interface SizeTreeOptions {
  /** Upper bound on nodes kept (default 3000): a few hundred kB of JSON at most. */
  maxNodes?: number;
  /** Files and directories below this share of the image are folded into their parent (default 0.0005). */
  minShare?: number;
}

/**
 * Summarises the merged filesystem for a treemap: every directory and file that holds at
 * least `minShare` of the bytes, the rest folded into one "(N smaller items)" node per
 * directory, so the areas still add up to the directory's bytes.
 */
export function sizeTree(root: FsNode, options: SizeTreeOptions = {}): SizeTree {
  const full = measure(root, "/");
  const minBytes = Math.max(1, full.size * (options.minShare ?? 0.0005));
  let budget = options.maxNodes ?? 3000;
  // Breadth first, so the budget goes to the big directories at every level before any one
  // subtree's depths.
  const queue: SizeTree[] = [full];
  for (let node = queue.shift(); node; node = queue.shift()) {
    if (!node.children) continue;
    const kids = [...node.children].sort((a, b) => b.size - a.size || a.name.localeCompare(b.name));
    const kept: SizeTree[] = [];
    const rest = { size: 0, files: 0, count: 0 };
    for (const child of kids) {
      if (child.size >= minBytes && budget > 0) {
        budget--;
        kept.push(child);
        queue.push(child);
      } else {
        rest.size += child.size;
        rest.files += child.files;
        rest.count++;
      }
    }
    if (rest.size > 0)
      kept.push({
        name: `(${rest.count} smaller item${rest.count === 1 ? "" : "s"})`,
        size: rest.size,
        files: rest.files,
      });
    node.children = kept;
  }
  return full;
}

function measure(node: FsNode, name: string): SizeTree {
  if (!node.children) {
    const size = node.entry?.kind === "file" ? node.entry.size : 0;
    return {
      name,
      size,
      files: node.entry?.kind === "file" ? 1 : 0,
      ...(node.layer >= 0 ? { layer: node.layer } : {}),
    };
  }
  const children = [...node.children.values()]
    .map((c) => measure(c, c.name))
    .filter((c) => c.size > 0);
  return {
    name,
    size: children.reduce((s, c) => s + c.size, 0),
    files: children.reduce((s, c) => s + c.files, 0),
    children,
  };
}

/** Bytes of regular files in the tree (equals the report's `size.visible`). */
export function treeBytes(root: FsNode): number {
  let total = 0;
  walk(root, (n) => (total += n.entry?.kind === "file" ? n.entry.size : 0));
  return total;
}
