import type { Member } from "./plan.js";
import type { SlimEntry } from "./entry.js";
import type { Spool } from "./spool.js";
import { encodeHeader, END_OF_ARCHIVE, padding, TYPE, type TarMember } from "./tar-write.js";

const CHUNK = 1 << 20;

/**
 * The new layer's tar, in chunks of about 1 MiB: headers rebuilt from the kept header
 * fields, bodies read back from the spool. Whiteouts and synthesized directories get
 * fixed metadata (mtime 0, root) so that the output depends only on the input.
 */
export function* layerTarChunks(members: Member[], spool: Spool): Generator<Buffer> {
  let parts: Buffer[] = [];
  let bytes = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    bytes += b.length;
  };
  const take = () => {
    const out = Buffer.concat(parts, bytes);
    parts = [];
    bytes = 0;
    return out;
  };
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (const m of members) {
    const header = toTarMember(m);
    push(encodeHeader(header));
    const body = header.typeflag === TYPE.file ? (m.body ?? m.entry) : undefined;
    if (body && body.size > 0) {
      for (let at = 0; at < body.size; at += CHUNK) {
        const n = Math.min(CHUNK, body.size - at);
        push(Buffer.from(spool.read(body.spoolAt + at, n, buffer)));
        if (bytes >= CHUNK) yield take();
      }
      push(Buffer.alloc(padding(body.size)));
    }
    if (bytes >= CHUNK) yield take();
  }
  push(END_OF_ARCHIVE);
  yield take();
}

/** Bytes of file content the new layer holds. */
export function contentBytes(members: Member[]): number {
  let n = 0;
  for (const m of members) {
    const body = m.body ?? m.entry;
    if (!m.hardlinkTo && body?.kind === "file") n += body.size;
  }
  return n;
}

function toTarMember(m: Member): TarMember {
  if (m.kind === "whiteout")
    return fixed(whiteoutPath(m.path, `.wh.${baseName(m.path)}`), TYPE.file, 0);
  if (m.kind === "opaque")
    return fixed(m.path ? `${m.path}/.wh..wh..opq` : ".wh..wh..opq", TYPE.file, 0);
  if (m.kind === "dir") return fixed(m.path, TYPE.dir, 0o755);
  const e = m.entry!;
  if (m.hardlinkTo !== undefined) return fromEntry(m.path, e, TYPE.hardlink, m.hardlinkTo, 0);
  if (m.body) return fromEntry(m.path, m.body, TYPE.file, "", m.body.size);
  switch (e.kind) {
    case "file":
      return fromEntry(m.path, e, TYPE.file, "", e.size);
    case "dir":
      return fromEntry(m.path, e, TYPE.dir, "", 0);
    case "symlink":
      return fromEntry(m.path, e, TYPE.symlink, e.link ?? "", 0);
    case "hardlink":
      return fromEntry(m.path, e, TYPE.hardlink, e.link ?? "", 0);
    default:
      return fromEntry(m.path, e, e.details.typeflag, e.link ?? "", 0);
  }
}

function fromEntry(
  path: string,
  e: SlimEntry,
  typeflag: number,
  linkname: string,
  size: number,
): TarMember {
  const d = e.details;
  return {
    path,
    typeflag,
    size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    mtime: d.mtime,
    linkname,
    uname: d.uname,
    gname: d.gname,
    devmajor: d.devmajor,
    devminor: d.devminor,
    pax: d.pax,
  };
}

function fixed(path: string, typeflag: number, mode: number): TarMember {
  return {
    path,
    typeflag,
    size: 0,
    mode,
    uid: 0,
    gid: 0,
    mtime: 0,
    linkname: "",
    uname: "",
    gname: "",
    devmajor: 0,
    devminor: 0,
    pax: undefined,
  };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function whiteoutPath(path: string, name: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? name : `${path.slice(0, slash)}/${name}`;
}
