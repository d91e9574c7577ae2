import { open, type FileHandle } from "node:fs/promises";
import { InputError } from "../model/errors.js";
import {
  BLOCK,
  checksumOk,
  cString,
  isZeroBlock,
  longName,
  parseNumber,
  parsePax,
  typeOf,
  ustarName,
  type MemberType,
} from "./tar-header.js";

/** One member of an uncompressed tar file, located by byte offset so it can be re-read. */
export interface TarMember {
  name: string;
  type: MemberType;
  linkname: string;
  /** Offset of the member's data in the tar file. */
  offset: number;
  size: number;
}

/**
 * Lists the members of an uncompressed tar file by reading only its headers, so that
 * image archives (docker save, oci-archive) can be read in any order without extracting.
 * tar-stream cannot seek; this reads ustar, GNU long names and PAX path/size records.
 */
export async function indexTar(path: string): Promise<TarMember[]> {
  const fh = await open(path, "r");
  try {
    const { size: fileSize } = await fh.stat();
    return await readMembers(fh, fileSize, path);
  } finally {
    await fh.close();
  }
}

async function readMembers(fh: FileHandle, fileSize: number, path: string): Promise<TarMember[]> {
  const members: TarMember[] = [];
  const header = Buffer.alloc(BLOCK);
  let pos = 0;
  let longNameText: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (pos + BLOCK <= fileSize) {
    await readExactly(fh, header, pos);
    if (isZeroBlock(header)) return members;
    if (!checksumOk(header)) {
      throw new InputError(`${path}: not a tar archive (bad header checksum at byte ${pos})`);
    }
    const type = typeOf(header);
    // Go's archive/tar writes members over 8 GiB with the size only in a PAX record.
    const size =
      pax.size !== undefined && type !== "pax" && type !== "pax-global"
        ? paxSize(pax.size, path)
        : parseNumber(header, 124, 12);
    const dataStart = pos + BLOCK;
    if (dataStart + size > fileSize)
      throw new InputError(`${path}: truncated archive (member ends past end of file)`);
    pos = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "gnu-long-name" || type === "gnu-long-link" || type === "pax") {
      const data = Buffer.alloc(size);
      await readExactly(fh, data, dataStart);
      if (type === "gnu-long-name") longNameText = longName(data);
      else if (type === "gnu-long-link") longLink = longName(data);
      else pax = parsePax(data);
      continue;
    }
    if (type === "pax-global") continue;
    members.push({
      name: pax.path ?? longNameText ?? ustarName(header),
      // An image archive holds no sparse members that ballast reads.
      type: type === "gnu-sparse" ? "other" : type,
      linkname: pax.linkpath ?? longLink ?? cString(header, 157, 100),
      offset: dataStart,
      size,
    });
    longNameText = longLink = undefined;
    pax = {};
  }
  if (members.length === 0) throw new InputError(`${path}: not a tar archive (too short)`);
  throw new InputError(`${path}: truncated archive (no end-of-archive marker)`);
}

function paxSize(value: string, path: string): number {
  if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InputError(`${path}: not a tar archive (invalid PAX size "${value.slice(0, 20)}")`);
  return Number(value);
}

async function readExactly(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  const { bytesRead } = await fh.read(buf, 0, buf.length, position);
  if (bytesRead !== buf.length) throw new InputError("truncated archive");
}
