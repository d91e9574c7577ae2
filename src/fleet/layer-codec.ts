import { gunzipSync, gzipSync } from "node:zlib";
import type { LayerRead } from "../tar/read-layer.js";
import type { LayerEntry } from "../tar/layer-entry.js";
import { InputError } from "../model/errors.js";

/**
 * A layer's summary as the fleet store keeps it: what readLayer found (every entry, sizes,
 * content digests, captured first bytes), plus the exact program paths whose content was
 * captured, so that an image needing another path can tell the summary is not enough.
 */
export interface LayerSummary {
  read: LayerRead;
  /** Program paths (entrypoint, interpreters) captured beyond the fixed patterns. */
  capturedPaths: string[];
}

/** Bumped whenever the encoding or what a layer read holds changes: old entries are then misses. */
export const CODEC_VERSION = 1;

const KINDS: LayerEntry["kind"][] = [
  "file",
  "dir",
  "symlink",
  "hardlink",
  "other",
  "whiteout",
  "opaque",
];

/**
 * Columns instead of one object per entry: a 10k-file layer encodes to a few hundred KB of
 * JSON before gzip, and decodes without a schema library.
 */
interface Encoded {
  v: number;
  compression: LayerRead["compression"];
  estargz: boolean;
  tarBytes: number;
  capturedPaths: string[];
  paths: string[];
  kinds: string;
  sizes: number[];
  modes: number[];
  uids: number[];
  gids: number[];
  links: Record<number, string>;
  digests: Record<number, string>;
  contents: Record<number, string>;
}

export function encodeLayerSummary(summary: LayerSummary): Buffer {
  const { read } = summary;
  const e: Encoded = {
    v: CODEC_VERSION,
    compression: read.compression,
    estargz: read.estargz,
    tarBytes: read.tarBytes,
    capturedPaths: summary.capturedPaths,
    paths: [],
    kinds: "",
    sizes: [],
    modes: [],
    uids: [],
    gids: [],
    links: {},
    digests: {},
    contents: {},
  };
  const kinds: string[] = [];
  read.entries.forEach((entry, i) => {
    e.paths.push(entry.path);
    kinds.push(String(KINDS.indexOf(entry.kind)));
    e.sizes.push(entry.size);
    e.modes.push(entry.mode);
    e.uids.push(entry.uid);
    e.gids.push(entry.gid);
    if (entry.link !== undefined) e.links[i] = entry.link;
    if (entry.digest !== undefined) e.digests[i] = entry.digest;
    if (entry.content !== undefined) e.contents[i] = entry.content.toString("base64");
  });
  e.kinds = kinds.join("");
  return gzipSync(JSON.stringify(e), { level: 6 });
}

/** Decodes a stored summary; a damaged or foreign entry is an InputError (the caller re-reads). */
export function decodeLayerSummary(bytes: Buffer, what: string): LayerSummary {
  let e: Encoded;
  try {
    e = JSON.parse(gunzipSync(bytes).toString("utf8")) as Encoded;
  } catch {
    throw new InputError(`${what}: not a ballast layer summary`);
  }
  const n = Array.isArray(e?.paths) ? e.paths.length : -1;
  const columns = [e?.sizes, e?.modes, e?.uids, e?.gids];
  if (
    e?.v !== CODEC_VERSION ||
    n < 0 ||
    typeof e.kinds !== "string" ||
    e.kinds.length !== n ||
    columns.some((c) => !Array.isArray(c) || c.length !== n)
  )
    throw new InputError(`${what}: layer summary of another version or damaged`);
  const entries: LayerEntry[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const kind = KINDS[Number(e.kinds[i])];
    if (!kind) throw new InputError(`${what}: layer summary entry ${i} has an unknown kind`);
    const entry: LayerEntry = {
      path: e.paths[i]!,
      kind,
      size: e.sizes[i]!,
      mode: e.modes[i]!,
      uid: e.uids[i]!,
      gid: e.gids[i]!,
    };
    if (e.links[i] !== undefined) entry.link = e.links[i];
    if (e.digests[i] !== undefined) entry.digest = e.digests[i];
    if (e.contents[i] !== undefined) entry.content = Buffer.from(e.contents[i]!, "base64");
    entries[i] = entry;
  }
  return {
    read: { compression: e.compression, estargz: e.estargz, entries, tarBytes: e.tarBytes },
    capturedPaths: Array.isArray(e.capturedPaths) ? e.capturedPaths : [],
  };
}
