import { InputError } from "../model/errors.js";
import { BLOCK, parseNumber } from "./tar-header.js";

/**
 * GNU sparse files (GNU tar manual, "Storing Sparse Files"): the archive stores only the
 * data regions, and a map of where they go. ballast needs the file's real size and name,
 * and a map to fold into the content digest, so that equal digests still mean equal files.
 * Formats: old GNU (typeflag 'S', map in the header and extension blocks), PAX 0.0
 * (repeated GNU.sparse.offset/numbytes), 0.1 (GNU.sparse.map) and 1.0 (map at the start of
 * the body, padded to a block).
 */
export interface SparseInfo {
  realSize: number;
  /** The real name, where the header's is a `GNUSparseFile.N/…` stand-in. */
  name?: string;
  /** "offset,length,…", or undefined while it is still in the body (1.0). */
  map?: string;
}

/** The old GNU header's map entries (4 in the header, 21 per extension block), as "off,len" pairs. */
function mapEntries(block: Uint8Array, at: number, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = at + i * 24;
    if (block[p] === 0) break;
    out.push(`${parseNumber(block, p, 12)},${parseNumber(block, p + 12, 12)}`);
  }
  return out;
}

/** An old GNU 'S' header: its map so far, and whether extension blocks follow. */
export function oldGnuSparse(block: Uint8Array): { info: SparseInfo; extended: boolean } {
  return {
    info: { realSize: parseNumber(block, 483, 12), map: mapEntries(block, 386, 4).join(",") },
    extended: block[482] !== 0,
  };
}

/** One old GNU sparse extension block: more map entries, and whether another block follows. */
export function sparseExtension(block: Uint8Array): { map: string; extended: boolean } {
  return { map: mapEntries(block, 0, 21).join(","), extended: block[504] !== 0 };
}

const DIGITS = /^\d{1,16}$/;

function number(value: string, key: string): number {
  if (!DIGITS.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InputError(`invalid PAX ${key} "${value.slice(0, 20)}"`);
  return Number(value);
}

/** The PAX sparse records of an entry (0.0, 0.1, 1.0), or undefined for a plain entry. */
export function paxSparse(pax: Record<string, string> | undefined): SparseInfo | undefined {
  if (!pax) return undefined;
  const name = pax["GNU.sparse.name"];
  if (pax["GNU.sparse.major"] === "1") {
    const real = pax["GNU.sparse.realsize"] ?? "";
    return { realSize: number(real, "GNU.sparse.realsize"), name };
  }
  const size = pax["GNU.sparse.size"];
  if (size === undefined) return undefined;
  // 0.0 repeats offset/numbytes records; parsePax joins repeated GNU.sparse keys with ",".
  const offsets = pax["GNU.sparse.offset"]?.split(",") ?? [];
  const lengths = pax["GNU.sparse.numbytes"]?.split(",") ?? [];
  const map = pax["GNU.sparse.map"] ?? offsets.map((o, i) => `${o},${lengths[i] ?? ""}`).join(",");
  return { realSize: number(size, "GNU.sparse.size"), name, map };
}

/** The most a 1.0 sparse map may take at the start of a body. */
const MAX_MAP = 8 << 20;

/**
 * Reads the 1.0 map at the start of a sparse body: decimal lines (the entry count, then an
 * offset and a length per entry), padded to a block. `push` returns undefined until the
 * map is complete, then the map and the data bytes that followed it in the same piece.
 */
export class SparseMapReader {
  private chunks: Buffer[] = [];
  private length = 0;

  push(bytes: Buffer): { map: string; rest: Buffer } | undefined {
    this.chunks.push(Buffer.from(bytes));
    this.length += bytes.length;
    const all = Buffer.concat(this.chunks, this.length);
    this.chunks = [all];
    const end = mapEnd(all);
    if (end < 0) {
      if (this.length > MAX_MAP) throw new InputError("GNU sparse map is too large");
      return undefined;
    }
    const padded = Math.ceil(end / BLOCK) * BLOCK;
    if (all.length < padded) return undefined;
    const lines = all.toString("latin1", 0, end).trim().split("\n");
    return { map: lines.slice(1).join(","), rest: all.subarray(padded) };
  }
}

/** Where the map's last line ends (after its newline), or -1 when it has not yet. */
function mapEnd(b: Buffer): number {
  const first = b.indexOf(10);
  if (first < 0) return -1;
  const count = b.toString("latin1", 0, first);
  if (!DIGITS.test(count))
    throw new InputError(`invalid GNU sparse map (entry count "${count.slice(0, 20)}")`);
  let at = first;
  for (let left = 2 * Number(count); left > 0; left--) {
    at = b.indexOf(10, at + 1);
    if (at < 0) return -1;
  }
  return at + 1;
}
