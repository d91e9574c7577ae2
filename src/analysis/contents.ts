import { pathOf, walk, type FsNode } from "../filetree/node.js";
import type { DuplicateGroup, PathSize } from "../model/report.js";

/**
 * Regular files with identical content under several paths of the final filesystem.
 * Hard links are one file and never count; empty files are not duplicates worth reporting.
 * `bytes` = Σ over groups of (copies − 1) × size.
 */
export function findDuplicates(root: FsNode): { bytes: number; groups: DuplicateGroup[] } {
  const byDigest = new Map<string, { size: number; nodes: FsNode[] }>();
  walk(root, (n) => {
    const e = n.entry;
    if (e?.kind !== "file" || !e.sha256) return;
    const group = byDigest.get(e.sha256);
    if (group) group.nodes.push(n);
    else byDigest.set(e.sha256, { size: e.size, nodes: [n] });
  });
  const groups: DuplicateGroup[] = [];
  let bytes = 0;
  for (const [digest, g] of byDigest) {
    if (g.nodes.length < 2) continue;
    bytes += (g.nodes.length - 1) * g.size;
    groups.push({ size: g.size, digest: `sha256:${digest}`, paths: g.nodes.map((n) => `/${pathOf(n)}`).sort() });
  }
  groups.sort((a, b) => (b.paths.length - 1) * b.size - (a.paths.length - 1) * a.size || a.paths[0].localeCompare(b.paths[0]));
  return { bytes, groups };
}

/** The `limit` largest regular files of the final filesystem. */
export function largestFiles(root: FsNode, limit: number): PathSize[] {
  const files: PathSize[] = [];
  walk(root, (n) => {
    if (n.entry?.kind === "file") files.push({ path: `/${pathOf(n)}`, size: n.entry.size, layer: n.layer });
  });
  return files.sort((a, b) => b.size - a.size || a.path.localeCompare(b.path)).slice(0, limit);
}

/** The `limit` largest directories by the bytes of all files below them (the root excluded). */
export function largestDirectories(root: FsNode, limit: number): PathSize[] {
  const dirs: PathSize[] = [];
  const visit = (node: FsNode): { size: number; files: number } => {
    let size = node.entry?.kind === "file" ? node.entry.size : 0;
    let files = node.entry?.kind === "file" ? 1 : 0;
    if (node.children) {
      for (const child of node.children.values()) {
        const sub = visit(child);
        size += sub.size;
        files += sub.files;
      }
      if (node.parent) dirs.push({ path: `/${pathOf(node)}/`, size, files });
    }
    return { size, files };
  };
  visit(root);
  return dirs.filter((d) => d.size > 0).sort((a, b) => b.size - a.size || a.path.localeCompare(b.path)).slice(0, limit);
}

/** Bytes and count of regular files visible in the final filesystem, per writer layer. */
export function visibleBytes(root: FsNode, layerCount: number): { total: number; files: number; perLayer: number[] } {
  const perLayer = new Array<number>(layerCount).fill(0);
  let total = 0;
  let files = 0;
  walk(root, (n) => {
    if (n.entry?.kind !== "file") return;
    perLayer[n.layer] += n.entry.size;
    total += n.entry.size;
    files++;
  });
  return { total, files, perLayer };
}
