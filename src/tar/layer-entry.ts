/**
 * One tar entry of a layer, as the merge needs it. Whiteouts are decoded here
 * (OCI image-spec layer.md): `.wh.NAME` deletes NAME from lower layers, `.wh..wh..opq`
 * hides everything lower layers put in its directory.
 */
export interface LayerEntry {
  /** Relative path without leading "./" or "/"; "" is the root. */
  path: string;
  kind: "file" | "dir" | "symlink" | "hardlink" | "other" | "whiteout" | "opaque";
  /** Bytes of a regular file (0 for every other kind). */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Target of a symlink or hardlink. */
  link?: string;
  /** Hex digest of a regular file's content (content-digest.ts), for files of at least one byte. */
  digest?: string;
  /** First bytes of files the caller asked to capture (os-release, package databases…). */
  content?: Buffer;
}

const WHITEOUT = ".wh.";
/** Segments that are neither empty, ".", nor "..": the name is its own normal form. */
const CLEAN = /^(?:(?!\.\.?(?:\/|$))[^/]+\/)*(?!\.\.?$)[^/]+$/;
const OPAQUE = ".wh..wh..opq";

/**
 * Normalises a tar entry name; returns undefined for names that must be rejected
 * (absolute, or escaping the root with "..").
 */
export function normalizeEntryPath(name: string): string | undefined {
  // Most names are already clean: no leading "/" or "./", no "//", "/./", ".." or trailing "/".
  if (CLEAN.test(name)) return name;
  // kaniko writes the root itself as "/"; any other absolute name is refused (issue #2).
  if (name.startsWith("/") && !/^\/+$/.test(name)) return undefined;
  const parts: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return undefined;
    parts.push(part);
  }
  return parts.join("/");
}

/** Classifies a normalised path as a whiteout, an opaque marker, an aufs-internal name, or plain. */
export function whiteoutOf(
  path: string,
): { kind: "whiteout" | "opaque"; target: string } | "internal" | undefined {
  const slash = path.lastIndexOf("/");
  const base = path.slice(slash + 1);
  if (!base.startsWith(WHITEOUT)) return undefined;
  const dir = slash === -1 ? "" : path.slice(0, slash);
  if (base === OPAQUE) return { kind: "opaque", target: dir };
  // Other ".wh..wh." names are aufs bookkeeping (e.g. .wh..wh.plnk), not whiteouts.
  if (base.startsWith(`${WHITEOUT}${WHITEOUT}`)) return "internal";
  const name = base.slice(WHITEOUT.length);
  return { kind: "whiteout", target: dir ? `${dir}/${name}` : name };
}

/** eStargz metadata entries (containerd/stargz-snapshotter estargz.go), not part of the filesystem. */
const ESTARGZ_NAMES = new Set(["stargz.index.json", ".prefetch.landmark", ".no.prefetch.landmark"]);

/**
 * Removes eStargz metadata from a gzip layer's entries; a layer is eStargz when its last
 * entry is the TOC `stargz.index.json` at the root. Returns whether it was one.
 */
export function dropEstargzMetadata(entries: LayerEntry[]): boolean {
  const last = entries[entries.length - 1];
  if (last?.path !== "stargz.index.json" || last.kind !== "file") return false;
  for (let i = entries.length - 1; i >= 0; i--)
    if (ESTARGZ_NAMES.has(entries[i].path)) entries.splice(i, 1);
  return true;
}
