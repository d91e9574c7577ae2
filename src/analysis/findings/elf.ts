/** What the first bytes of an executable tell about how it runs (elf(5), Go's .note.go.buildid). */
export interface ElfInfo {
  /** No PT_INTERP: needs no dynamic loader, hence no libc in the image. */
  static: boolean;
  /** The dynamic loader it asks for, e.g. /lib64/ld-linux-x86-64.so.2 (glibc) or /lib/ld-musl-x86_64.so.1. */
  interpreter?: string;
  libc: "glibc" | "musl" | "none" | "unknown";
  /** Language the binary was built from, when its marks are in the bytes read. */
  language?: "go" | "rust";
  goVersion?: string;
}

const PT_INTERP = 3;
/** Go's build ID note: namesz 4, descsz, type 4 (ELF_NOTE_GOBUILDID_TAG), name "Go\0\0". */
const GO_NOTE_NAME = Buffer.from([0x04, 0x00, 0x00, 0x00, 0x47, 0x6f, 0x00, 0x00]);
const GO_BUILDINF = Buffer.from("\xff Go buildinf:", "latin1");

/** Parses an ELF header and program headers from the start of a file; undefined when it is not ELF. */
export function readElf(buf: Buffer): ElfInfo | undefined {
  if (buf.length < 64 || buf.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = buf[4] === 2;
  const le = buf[5] !== 2;
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const u64 = (o: number) => Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o));
  const phoff = is64 ? u64(32) : u32(28);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  let interpreter: string | undefined;
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (ph + phentsize > buf.length) break;
    if (u32(ph) !== PT_INTERP) continue;
    const off = is64 ? u64(ph + 8) : u32(ph + 4);
    const size = is64 ? u64(ph + 32) : u32(ph + 16);
    if (off + size <= buf.length)
      interpreter = buf.toString("latin1", off, off + size).replace(/\0.*$/s, "");
  }
  const libc = !interpreter
    ? "none"
    : /musl/.test(interpreter)
      ? "musl"
      : /ld-linux/.test(interpreter)
        ? "glibc"
        : "unknown";
  return { static: !interpreter, ...(interpreter ? { interpreter } : {}), libc, ...language(buf) };
}

function language(buf: Buffer): Pick<ElfInfo, "language" | "goVersion"> {
  const info = buf.indexOf(GO_BUILDINF);
  if (info !== -1 || buf.indexOf(GO_NOTE_NAME) !== -1) {
    const version = info === -1 ? undefined : goVersion(buf, info);
    return { language: "go", ...(version ? { goVersion: version } : {}) };
  }
  if (buf.indexOf("/rustc/") !== -1 || buf.indexOf("rust_panic") !== -1)
    return { language: "rust" };
  return {};
}

/** Go 1.18+ buildinfo: flags at +15 (bit 2 = inline strings), then a uvarint-prefixed version at +32. */
function goVersion(buf: Buffer, at: number): string | undefined {
  if ((buf[at + 15] & 2) === 0) return undefined;
  let len = 0;
  let shift = 0;
  let p = at + 32;
  for (; p < buf.length && shift < 35; p++, shift += 7) {
    len |= (buf[p] & 0x7f) << shift;
    if ((buf[p] & 0x80) === 0) break;
  }
  const v = buf.toString("latin1", p + 1, Math.min(buf.length, p + 1 + len));
  return /^go\d/.test(v) ? v.slice(2) : undefined;
}
