/** A minimal ELF64 little-endian executable header, with PT_INTERP when `interpreter` is given, and extra bytes appended. */
export function elfBinary(interpreter?: string, extra: Buffer = Buffer.alloc(0)): Buffer {
  const phnum = interpreter ? 2 : 1;
  const head = Buffer.alloc(64 + 56 * phnum);
  head.writeUInt32BE(0x7f454c46, 0);
  head[4] = 2; // ELFCLASS64
  head[5] = 1; // little endian
  head.writeUInt16LE(2, 16); // ET_EXEC
  head.writeBigUInt64LE(64n, 32); // e_phoff
  head.writeUInt16LE(56, 54); // e_phentsize
  head.writeUInt16LE(phnum, 56); // e_phnum
  head.writeUInt32LE(1, 64); // PT_LOAD
  const interp = Buffer.from(`${interpreter ?? ""}\0`);
  if (interpreter) {
    const ph = 64 + 56;
    head.writeUInt32LE(3, ph); // PT_INTERP
    head.writeBigUInt64LE(BigInt(head.length), ph + 8);
    head.writeBigUInt64LE(BigInt(interp.length), ph + 32);
  }
  return Buffer.concat([head, interpreter ? interp : Buffer.alloc(0), extra]);
}

/** Go's build ID note and a Go 1.18+ buildinfo blob carrying `version`. */
export function goMarks(version: string): Buffer {
  const note = Buffer.from([
    4, 0, 0, 0, 8, 0, 0, 0, 4, 0, 0, 0, 0x47, 0x6f, 0, 0, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
    0x68,
  ]);
  const info = Buffer.alloc(32);
  Buffer.from("\xff Go buildinf:", "latin1").copy(info);
  info[14] = 8; // pointer size
  info[15] = 2; // flags: inline strings
  const v = Buffer.from(`go${version}`);
  return Buffer.concat([
    note,
    Buffer.alloc(100),
    info,
    Buffer.from([v.length]),
    v,
    Buffer.from([0]),
  ]);
}
