/** The dynamic section of an ELF file: the shared libraries it asks for (elf(5): PT_DYNAMIC, DT_NEEDED). */
export interface ElfDynamic {
  needed: string[];
  runpath: string[];
  /** Has a PT_INTERP: it is started by the dynamic loader (a program, or a PIE). */
  interpreter: string | null;
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_RPATH = 15;
const DT_RUNPATH = 29;
/** Caps on what an input-controlled header may make us read. */
const MAX_PHNUM = 4096;
const MAX_DYN = 65536;

/** Reads DT_NEEDED/RUNPATH from the bytes of an ELF file; undefined when it is not ELF or the bytes are cut short. */
export function readElfDynamic(buf: Buffer): ElfDynamic | undefined {
  if (buf.length < 64 || buf.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = buf[4] === 2;
  const le = buf[5] !== 2;
  const fits = (o: number, n: number) => o >= 0 && o + n <= buf.length;
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const word = (o: number) =>
    is64 ? Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o)) : u32(o);
  const phoff = word(is64 ? 32 : 28);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = Math.min(u16(is64 ? 56 : 44), MAX_PHNUM);
  const loads: { vaddr: number; offset: number; filesz: number }[] = [];
  let dynamic: { offset: number; size: number } | undefined;
  let interpreter: string | null = null;
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (!fits(ph, is64 ? 56 : 32)) return undefined;
    const type = u32(ph);
    const offset = word(ph + (is64 ? 8 : 4));
    const vaddr = word(ph + (is64 ? 16 : 8));
    const filesz = word(ph + (is64 ? 32 : 16));
    if (type === PT_LOAD) loads.push({ vaddr, offset, filesz });
    if (type === PT_DYNAMIC) dynamic = { offset, size: filesz };
    if (type === PT_INTERP && fits(offset, filesz))
      interpreter = buf.toString("latin1", offset, offset + filesz).replace(/\0.*$/s, "");
  }
  if (!dynamic) return { needed: [], runpath: [], interpreter };
  const entry = is64 ? 16 : 8;
  const tags: [number, number][] = [];
  for (
    let o = dynamic.offset, n = 0;
    n < MAX_DYN && o + entry <= dynamic.offset + dynamic.size;
    o += entry, n++
  ) {
    if (!fits(o, entry)) return undefined;
    const tag = word(o);
    if (tag === DT_NULL) break;
    tags.push([tag, word(o + entry / 2)]);
  }
  const strtab = tags.find(([t]) => t === DT_STRTAB)?.[1];
  const seg =
    strtab === undefined
      ? undefined
      : loads.find((l) => strtab >= l.vaddr && strtab < l.vaddr + l.filesz);
  if (!seg || strtab === undefined) return undefined;
  const strOff = seg.offset + (strtab - seg.vaddr);
  const str = (i: number): string | undefined => {
    const start = strOff + i;
    if (!fits(start, 1)) return undefined;
    const end = buf.indexOf(0, start);
    return end === -1 ? undefined : buf.toString("latin1", start, end);
  };
  const values = (want: number) => tags.filter(([t]) => t === want).map(([, v]) => str(v));
  const needed = values(DT_NEEDED);
  if (needed.some((n) => n === undefined)) return undefined;
  const runpath = [...values(DT_RUNPATH), ...values(DT_RPATH)]
    .flatMap((p) => (p ?? "").split(":"))
    .filter(Boolean);
  return { needed: needed as string[], runpath, interpreter };
}
