import path from "node:path/posix";
import { lookup } from "../filetree/merge.js";
import { walk, type FsNode } from "../filetree/node.js";
import { readElfDynamic } from "./elf-needed.js";

/** Where the glibc/musl loaders look when there is no RUNPATH (ld.so(8), Debian multiarch). */
const LIB_DIRS = [
  "lib/x86_64-linux-gnu",
  "usr/lib/x86_64-linux-gnu",
  "lib/aarch64-linux-gnu",
  "usr/lib/aarch64-linux-gnu",
  "lib",
  "usr/lib",
  "lib64",
  "usr/lib64",
  "usr/local/lib",
];

export interface LibraryNeeds {
  /** Sonames the artifacts ask for. */
  sonames: string[];
  /** Packages owning them in the builder (dpkg .list files / apk installed). */
  packages: string[];
  /** Sonames no package owns (built in the builder, or missing). */
  unowned: string[];
  /** ELF files read. */
  files: number;
}

/** Paths (relative, no leading slash) whose content the library pass needs captured. */
export function libraryCapture(artifacts: readonly string[]): (p: string) => boolean {
  const roots = artifacts.map((a) => a.replace(/^\/+/, ""));
  // Under a directory (a venv, an install prefix) only shared objects and programs can be ELF files that matter.
  const elfLike = (p: string) => /\.so(\.\d+)*$/.test(p) || /(^|\/)s?bin\/[^/]+$/.test(p);
  return (p) =>
    roots.some((r) => p === r || (p.startsWith(`${r}/`) && elfLike(p))) ||
    /^var\/lib\/dpkg\/info\/[^/]+\.list$/.test(p) ||
    p === "lib/apk/db/installed";
}

/**
 * The packages that provide the shared libraries the artifacts load (issue 14): DT_NEEDED of
 * every ELF file under them, found in the builder's library directories, mapped to the package
 * whose file list names it. Libraries built into the artifacts' own tree are not packages.
 */
export function neededPackages(root: FsNode, artifacts: readonly string[]): LibraryNeeds {
  const sonames = new Set<string>();
  let files = 0;
  const local = new Set<string>();
  for (const a of artifacts) {
    const node = lookup(root, a.replace(/^\/+/, ""));
    if (!node) continue;
    walk(node, (n) => {
      const content = n.entry?.kind === "file" ? n.entry.content : undefined;
      if (!content) return;
      local.add(n.name);
      const dyn = readElfDynamic(content);
      if (!dyn) return;
      files++;
      for (const s of dyn.needed) sonames.add(s);
    });
  }
  const owners = fileOwners(root);
  const packages = new Set<string>();
  const unowned: string[] = [];
  for (const soname of [...sonames].sort()) {
    if (local.has(soname)) continue;
    const owner = LIB_DIRS.map((d) => owners.get(key(`${d}/${soname}`))).find(Boolean);
    if (owner) packages.add(owner);
    else unowned.push(soname);
  }
  return { sonames: [...sonames].sort(), packages: [...packages].sort(), unowned, files };
}

/** With merged /usr, dpkg may list /lib/x/libz.so.1 for a file at /usr/lib/x/libz.so.1: compare without `usr/`. */
function key(p: string): string {
  return path.normalize(p).replace(/^\/?(usr\/)?/, "");
}

function fileOwners(root: FsNode): Map<string, string> {
  const owners = new Map<string, string>();
  const info = lookup(root, "var/lib/dpkg/info");
  for (const [name, node] of info?.children ?? []) {
    const m = /^([^:]+)(?::[^.]+)?\.list$/.exec(name);
    const text = node.entry?.content?.toString("utf8");
    if (!m || !text) continue;
    for (const line of text.split("\n")) if (line) owners.set(key(line), m[1]);
  }
  const apk = lookup(root, "lib/apk/db/installed")?.entry?.content?.toString("utf8");
  if (apk) {
    // apk's installed db: P: package, F: directory, R: file in that directory.
    let pkg = "";
    let dir = "";
    for (const line of apk.split("\n")) {
      if (line.startsWith("P:")) pkg = line.slice(2);
      else if (line.startsWith("F:")) dir = line.slice(2);
      else if (line.startsWith("R:")) owners.set(key(`${dir}/${line.slice(2)}`), pkg);
    }
  }
  return owners;
}
