import type { FsNode } from "../../filetree/node.js";
import { parseApkInstalled } from "../packages/apk.js";
import { parseDpkgStatus, parseListFile } from "../packages/dpkg.js";
import type { InstalledPackage } from "../packages/index.js";
import type { ImageFacts } from "./facts.js";

/** usrmerge (Debian 12, Ubuntu 22.04+): .list files still say /bin/x while the file lives at /usr/bin/x. */
const MERGED = /^(bin|sbin|lib|lib32|lib64|libx32)\//;

export interface PackageBytes {
  /** Bytes of the package's files still visible, deduplicated across packages. */
  bytes: number;
  /** "files": counted from dpkg .list files; "database": the installed size the database states. */
  method: "files" | "database";
  /** Lowest layer that installed one of the packages (its dpkg .list file, else its database). */
  layer: number;
}

/**
 * Exact bytes of a set of packages when dpkg's `info/NAME.list` files were captured: each
 * listed path that is a visible regular file is counted once. Otherwise the database's
 * installed size, which dpkg rounds to KiB.
 */
export function packageBytes(facts: ImageFacts, packages: InstalledPackage[]): PackageBytes {
  const lists = packages.map((p) => listNode(facts, p.name));
  if (packages.length && lists.every((n) => n?.entry?.content)) {
    const seen = new Set<string>();
    let bytes = 0;
    for (const list of lists) {
      for (const path of parseListFile(list!.entry!.content!.toString("utf8"))) {
        const real = facts.node(path) ? path : MERGED.test(path) ? `usr/${path}` : path;
        const node = facts.node(real);
        if (node?.entry?.kind !== "file" || seen.has(real)) continue;
        seen.add(real);
        bytes += node.entry.size;
      }
    }
    return { bytes, method: "files", layer: Math.min(...lists.map((n) => firstLayer(n!))) };
  }
  const layers = packages
    .map((p) => installedIn(facts, p))
    .filter((l): l is number => l !== undefined);
  return {
    bytes: packages.reduce((s, p) => s + (p.installedSize ?? 0), 0),
    method: "database",
    layer: layers.length ? Math.min(...layers) : 0,
  };
}

const dbVersions = new WeakMap<ImageFacts, Map<string, Set<string>[]>>();

/**
 * The first layer whose copy of the package database lists the package. Every layer that
 * rewrites the database ships its own copy, and the scan captures each one.
 */
export function installedIn(facts: ImageFacts, pkg: InstalledPackage): number | undefined {
  let byDb = dbVersions.get(facts);
  if (!byDb) dbVersions.set(facts, (byDb = new Map()));
  let perLayer = byDb.get(pkg.db);
  if (!perLayer) {
    perLayer = facts.scan.layers.map((read) => {
      const e = read.entries.find((x) => x.path === pkg.db && x.kind === "file");
      const text = e?.content?.toString("utf8") ?? "";
      const parse = pkg.db.endsWith("apk/db/installed") ? parseApkInstalled : parseDpkgStatus;
      return new Set(parse(text, pkg.db).map((p) => p.name));
    });
    byDb.set(pkg.db, perLayer);
  }
  const layer = perLayer.findIndex((names) => names.has(pkg.name));
  return layer === -1 ? undefined : layer;
}

function listNode(facts: ImageFacts, name: string): FsNode | undefined {
  const info = facts.node("var/lib/dpkg/info");
  if (!info?.children) return undefined;
  return (
    info.children.get(`${name}.list`) ??
    [...info.children].find(([n]) => n.startsWith(`${name}:`) && n.endsWith(".list"))?.[1]
  );
}

export function firstLayer(node: FsNode): number {
  return node.history.find((h) => h.action === "added")?.layer ?? node.layer;
}
