import { resolvedSegments } from "../dockerfile/paths.js";

/** Shell globs in removed paths (`rm -rf /tmp/*.rds`), matched against paths other instructions wrote. */

export interface PathPattern {
  /** The literal directory in front of the first glob component (`/tmp` for `/tmp/*.rds`). */
  dir: string;
  /** Matches a whole absolute path; null when the path has no glob characters. */
  glob: RegExp | null;
}

const GLOB = /[*?[]/;

/** Resolves `path` against `workdir` (`~`, `.`, `..`) and splits off its glob part. */
export function pathPattern(path: string, workdir: string): PathPattern {
  const parts = resolvedSegments(path, workdir);
  const first = parts.findIndex((part) => GLOB.test(part));
  if (first < 0) return { dir: `/${parts.join("/")}`, glob: null };
  const source = parts.map(segmentSource).join("/");
  return { dir: `/${parts.slice(0, first).join("/")}`, glob: new RegExp(`^/${source}$`) };
}

/** One path component of a shell glob as a regular expression (`*`, `?`, `[…]`; a leading dot is not matched by `*`). */
function segmentSource(part: string): string {
  let out = part.startsWith("*") || part.startsWith("?") ? "(?!\\.)" : "";
  for (let i = 0; i < part.length; i++) {
    const ch = part[i];
    if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else if (ch === "[") {
      const close = part.indexOf("]", i + 2);
      if (close < 0) out += "\\[";
      else {
        const body = part
          .slice(i + 1, close)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        out += `[${body}]`;
        i = close;
      }
    } else out += ch.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  return out;
}

/** True when the pattern matches `path` or a directory above it (removing that removes `path`). */
export function globCovers(glob: RegExp, path: string): boolean {
  for (let p = path; p.length > 1; p = p.slice(0, p.lastIndexOf("/")) || "/") {
    if (glob.test(p)) return true;
  }
  return false;
}
