import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { ContextFiles } from "./model.js";

const MAX_FILES = 20_000;
const MAX_READ = 1 << 20;

/** The build context on disk, walked breadth-first up to a cap (no recursion over its depth). */
export function contextOnDisk(dir: string): ContextFiles {
  let listed: string[] | undefined;
  const inside = (p: string) => {
    const abs = path.resolve(dir, p);
    return abs === dir || abs.startsWith(dir + path.sep) ? abs : null;
  };
  return {
    exists(p) {
      const abs = inside(p);
      return abs !== null && statSync(abs, { throwIfNoEntry: false }) !== undefined;
    },
    read(p) {
      const abs = inside(p);
      if (!abs) return undefined;
      const st = statSync(abs, { throwIfNoEntry: false });
      if (!st?.isFile() || st.size > MAX_READ) return undefined;
      try {
        return readFileSync(abs, "utf8");
      } catch {
        return undefined;
      }
    },
    list() {
      listed ??= walk(dir);
      return listed;
    },
  };
}

function walk(root: string): string[] {
  const out: string[] = [];
  const queue = [""];
  while (queue.length > 0 && out.length < MAX_FILES) {
    const rel = queue.shift() as string;
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== ".git" && e.name !== "node_modules") queue.push(p);
      } else if (e.isFile()) out.push(p);
    }
  }
  return out;
}
