import { pathOf, walk, type FsNode } from "../filetree/node.js";
import type { ImageDiff } from "./diff.js";

/** One path that differs between the two final filesystems. */
export interface PathChange {
  path: string;
  kind: string;
  before?: number;
  after?: number;
  /** after − before, in bytes (0 for a change that is not about size). */
  delta: number;
  /** For changed paths: what differs. */
  reasons?: ("content" | "type" | "link" | "mode" | "owner")[];
}

interface PathInfo {
  kind: string;
  size: number;
  digest?: string;
  link?: string;
  mode: number;
  owner: string;
}

/** Every non-directory path of the final filesystem (directories are implied by their files). */
function flatten(root: FsNode): Map<string, PathInfo> {
  const out = new Map<string, PathInfo>();
  walk(root, (n) => {
    const e = n.entry;
    if (!e || e.kind === "dir") return;
    out.set(`/${pathOf(n)}`, {
      kind: e.kind,
      size: e.size,
      digest: e.digest,
      link: e.link,
      mode: e.mode & 0o7777,
      owner: `${e.uid}:${e.gid}`,
    });
  });
  return out;
}

/** Per-path changes by path and content digest, biggest first, with a roll-up by directory. */
export function diffPaths(
  rootA: FsNode,
  rootB: FsNode,
  include: string[] | undefined,
): ImageDiff["paths"] {
  const a = flatten(rootA);
  const b = flatten(rootB);
  const keep = include?.length ? globMatcher(include) : () => true;
  const added: PathChange[] = [];
  const removed: PathChange[] = [];
  const changed: PathChange[] = [];
  for (const [path, x] of a) {
    if (!keep(path)) continue;
    const y = b.get(path);
    if (!y) removed.push({ path, kind: x.kind, before: x.size, delta: -x.size });
    else {
      const reasons = changeReasons(x, y);
      if (reasons.length)
        changed.push({
          path,
          kind: y.kind,
          before: x.size,
          after: y.size,
          delta: y.size - x.size,
          reasons,
        });
    }
  }
  for (const [path, y] of b)
    if (keep(path) && !a.has(path))
      added.push({ path, kind: y.kind, after: y.size, delta: y.size });
  const bySize = (p: PathChange, q: PathChange) =>
    Math.abs(q.delta) - Math.abs(p.delta) ||
    Math.max(q.before ?? 0, q.after ?? 0) - Math.max(p.before ?? 0, p.after ?? 0) ||
    p.path.localeCompare(q.path);
  [added, removed, changed].forEach((list) => list.sort(bySize));
  const sum = (list: PathChange[]) => list.reduce((s, c) => s + c.delta, 0);
  return {
    ...(include?.length ? { include } : {}),
    added,
    removed,
    changed,
    totals: {
      added: { count: added.length, bytes: sum(added) },
      removed: { count: removed.length, bytes: -sum(removed) },
      changed: { count: changed.length, delta: sum(changed) },
    },
    directories: directoryDeltas([...added, ...removed, ...changed]),
  };
}

function changeReasons(x: PathInfo, y: PathInfo): NonNullable<PathChange["reasons"]> {
  const reasons: NonNullable<PathChange["reasons"]> = [];
  if (x.kind !== y.kind) reasons.push("type");
  else if (x.size !== y.size || x.digest !== y.digest) reasons.push("content");
  if (x.kind === y.kind && x.link !== y.link) reasons.push("link");
  if (x.mode !== y.mode) reasons.push("mode");
  if (x.owner !== y.owner) reasons.push("owner");
  return reasons;
}

function directoryDeltas(
  changes: PathChange[],
  depth = 3,
  limit = 20,
): ImageDiff["paths"]["directories"] {
  const dirs = new Map<string, { delta: number; paths: number }>();
  for (const c of changes) {
    const parts = c.path.split("/").slice(1, -1);
    for (let d = 1; d <= Math.min(depth, parts.length); d++) {
      const dir = `/${parts.slice(0, d).join("/")}/`;
      const acc = dirs.get(dir) ?? { delta: 0, paths: 0 };
      acc.delta += c.delta;
      acc.paths++;
      dirs.set(dir, acc);
    }
  }
  return [...dirs]
    .map(([path, v]) => ({ path, ...v }))
    .filter((d) => d.delta !== 0)
    .sort((p, q) => Math.abs(q.delta) - Math.abs(p.delta) || p.path.localeCompare(q.path))
    .slice(0, limit);
}

/** Globs over absolute paths: `**` crosses directories, `*` and `?` do not; a pattern without "/" matches a base name. */
export function globMatcher(globs: string[]): (path: string) => boolean {
  const res = globs.map((g) => {
    const anchored = g.includes("/");
    let re = "";
    const src = anchored && !g.startsWith("/") ? `/${g}` : g;
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      if (c === "*" && src[i + 1] === "*") {
        re += src[i + 2] === "/" ? "(?:.*/)?" : ".*";
        i += src[i + 2] === "/" ? 2 : 1;
      } else if (c === "*") re += "[^/]*";
      else if (c === "?") re += "[^/]";
      else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
    // A directory pattern ("/usr/share/doc" or ".../") matches everything below it too.
    return new RegExp(anchored ? `^${re.replace(/\/$/, "")}(?:/.*)?$` : `(?:^|/)${re}$`);
  });
  return (path) => res.some((re) => re.test(path));
}
