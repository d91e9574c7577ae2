import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { isExcluded, type Pattern } from "./patterns.js";

/** One path of a build context, relative to its root with `/` separators. */
export interface ContextEntry {
  path: string;
  kind: "file" | "dir" | "symlink" | "other";
  /** Bytes of a regular file; 0 otherwise (a symlink is sent as a link, not followed). */
  size: number;
}

/** Every path under the context root, depth first in name order; symlinks are not followed. */
export async function walkContext(root: string): Promise<ContextEntry[]> {
  const out: ContextEntry[] = [];
  const visit = async (dir: string, rel: string): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const full = path.join(dir, name);
      const relPath = rel === "" ? name : `${rel}/${name}`;
      const st = await lstat(full);
      const kind = st.isFile()
        ? "file"
        : st.isDirectory()
          ? "dir"
          : st.isSymbolicLink()
            ? "symlink"
            : "other";
      out.push({ path: relPath, kind, size: kind === "file" ? st.size : 0 });
      if (kind === "dir") await visit(full, relPath);
    }
  };
  await visit(root, "");
  return out;
}

export interface DirectorySize {
  path: string;
  bytes: number;
  files: number;
}

/** What a build would send under a set of patterns. */
export interface ContextSummary {
  files: number;
  bytes: number;
  excludedFiles: number;
  excludedBytes: number;
  /** Top-level directories by bytes sent, largest first (`.` for the files at the root). */
  largest: DirectorySize[];
}

/** Files only: a directory's weight is the files in it, and an excluded directory may still send re-included files. */
export function summarizeContext(
  entries: readonly ContextEntry[],
  patterns: readonly Pattern[],
  top = 10,
): ContextSummary {
  const summary: ContextSummary = {
    files: 0,
    bytes: 0,
    excludedFiles: 0,
    excludedBytes: 0,
    largest: [],
  };
  const dirs = new Map<string, DirectorySize>();
  for (const e of entries) {
    if (e.kind === "dir") continue;
    if (isExcluded(patterns, e.path)) {
      summary.excludedFiles++;
      summary.excludedBytes += e.size;
      continue;
    }
    summary.files++;
    summary.bytes += e.size;
    const slash = e.path.indexOf("/");
    const top1 = slash < 0 ? "." : e.path.slice(0, slash);
    const d = dirs.get(top1) ?? { path: top1, bytes: 0, files: 0 };
    d.bytes += e.size;
    d.files++;
    dirs.set(top1, d);
  }
  summary.largest = [...dirs.values()]
    .sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path))
    .slice(0, top);
  return summary;
}
