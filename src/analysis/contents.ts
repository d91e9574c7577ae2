import { pathOf, type FsNode } from "../filetree/node.js";
import type { DuplicateGroup, PathSize } from "../model/report.js";
import { contentAlgorithm } from "../tar/content-digest.js";

/** What the final filesystem holds, gathered in one walk of the merged tree. */
export interface TreeSummary {
  visible: { total: number; files: number; perLayer: number[] };
  duplicates: { bytes: number; groups: DuplicateGroup[] };
  largestFiles: PathSize[];
  largestDirectories: PathSize[];
}

/**
 * Walks the final filesystem once. Paths are built only for what is reported (the
 * largest entries, the duplicate groups): with 10⁵ files, building every path costs more
 * than the walk itself.
 */
export function summarizeTree(root: FsNode, layerCount: number, limit: number): TreeSummary {
  const perLayer = new Array<number>(layerCount).fill(0);
  const bySize = new Map<number, FsNode[]>();
  const files = new TopN<FsNode>(limit);
  const dirs = new TopN<{ node: FsNode; files: number }>(limit);
  let total = 0;
  let count = 0;
  /** Counts a regular file; false for anything else. */
  const countFile = (node: FsNode): boolean => {
    const e = node.entry;
    if (e?.kind !== "file") return false;
    perLayer[node.layer] += e.size;
    total += e.size;
    count++;
    files.offer(e.size, node);
    if (e.size > 0) {
      const same = bySize.get(e.size);
      if (same) same.push(node);
      else bySize.set(e.size, [node]);
    }
    return true;
  };
  // Depth first with an explicit stack (directories may nest thousands deep): each frame
  // sums its subtree, offered as a directory once its last child is done.
  type Frame = { node: FsNode; children?: Iterator<FsNode>; size: number; files: number };
  const frames: Frame[] = [];
  const enter = (node: FsNode, parent: Frame | undefined) => {
    if (!countFile(node))
      frames.push({ node, children: node.children?.values(), size: 0, files: 0 });
    else if (parent) {
      parent.size += node.entry!.size;
      parent.files++;
    }
  };
  enter(root, undefined);
  while (frames.length > 0) {
    const top = frames[frames.length - 1];
    const next = top.children?.next();
    if (next && !next.done) {
      enter(next.value, top);
      continue;
    }
    frames.pop();
    if (top.children && top.node.parent && top.size > 0)
      dirs.offer(top.size, { node: top.node, files: top.files });
    const parent = frames[frames.length - 1];
    if (parent) {
      parent.size += top.size;
      parent.files += top.files;
    }
  }
  return {
    visible: { total, files: count, perLayer },
    duplicates: duplicateGroups(bySize),
    largestFiles: files
      .sorted()
      .map(({ size, item }) => ({ path: `/${pathOf(item)}`, size, layer: item.layer })),
    largestDirectories: dirs
      .sorted()
      .map(({ size, item }) => ({ path: `/${pathOf(item.node)}/`, size, files: item.files })),
  };
}

/**
 * Regular files with identical content under several paths. Hard links are one file and
 * never count; empty files are not duplicates worth reporting. Files are bucketed by size
 * first, so digests are compared only where sizes collide.
 * `bytes` = Σ over groups of (copies − 1) × size.
 */
function duplicateGroups(bySize: Map<number, FsNode[]>): {
  bytes: number;
  groups: DuplicateGroup[];
} {
  const groups: DuplicateGroup[] = [];
  let bytes = 0;
  for (const [size, nodes] of bySize) {
    if (nodes.length < 2) continue;
    const byDigest = new Map<string, FsNode[]>();
    for (const n of nodes) {
      const digest = n.entry!.digest!;
      const same = byDigest.get(digest);
      if (same) same.push(n);
      else byDigest.set(digest, [n]);
    }
    for (const [digest, same] of byDigest) {
      if (same.length < 2) continue;
      bytes += (same.length - 1) * size;
      groups.push({
        size,
        digest: `${contentAlgorithm(size)}:${digest}`,
        paths: same.map((n) => `/${pathOf(n)}`).sort(),
      });
    }
  }
  groups.sort(
    (a, b) =>
      (b.paths.length - 1) * b.size - (a.paths.length - 1) * a.size ||
      a.paths[0].localeCompare(b.paths[0]),
  );
  return { bytes, groups };
}

/** Keeps the `limit` largest items offered, without sorting everything. */
class TopN<T> {
  private items: { size: number; item: T }[] = [];
  private floor = -1;
  constructor(private readonly limit: number) {}
  offer(size: number, item: T): void {
    if (this.items.length >= this.limit && size <= this.floor) return;
    this.items.push({ size, item });
    if (this.items.length >= this.limit * 2) this.trim();
  }
  sorted(): { size: number; item: T }[] {
    this.trim();
    return this.items;
  }
  private trim(): void {
    this.items.sort((a, b) => b.size - a.size);
    this.items.length = Math.min(this.items.length, this.limit);
    this.floor = this.items.length >= this.limit ? this.items[this.items.length - 1].size : -1;
  }
}
