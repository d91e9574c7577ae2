import { describe, expect, it } from "vitest";
import { readElfDynamic } from "../../src/convert/elf-needed.js";
import { libraryCapture, neededPackages } from "../../src/convert/libraries.js";
import { mergeLayers } from "../../src/filetree/merge.js";
import type { LayerEntry } from "../../src/tar/layer-entry.js";

const VADDR = 0x400000;

/**
 * A hand-laid-out ELF64 little-endian executable: header (64 bytes), 3 program headers
 * (56 bytes each, at 64), the interpreter string at 232, the string table at 260, the dynamic
 * section (16-byte entries) at 320. Offsets are chosen by hand, so the expected values are known.
 */
function elf(needed: string[], runpath?: string): Buffer {
  const buf = Buffer.alloc(512);
  buf.writeUInt32BE(0x7f454c46, 0);
  buf[4] = 2; // ELFCLASS64
  buf[5] = 1; // little endian
  buf.writeBigUInt64LE(64n, 32); // e_phoff
  buf.writeUInt16LE(56, 54); // e_phentsize
  buf.writeUInt16LE(3, 56); // e_phnum
  const interp = "/lib64/ld-linux-x86-64.so.2\0";
  const ph = (i: number, type: number, offset: number, vaddr: number, size: number) => {
    const o = 64 + i * 56;
    buf.writeUInt32LE(type, o);
    buf.writeBigUInt64LE(BigInt(offset), o + 8);
    buf.writeBigUInt64LE(BigInt(vaddr), o + 16);
    buf.writeBigUInt64LE(BigInt(size), o + 32);
  };
  ph(0, 3, 232, VADDR + 232, interp.length); // PT_INTERP
  ph(1, 1, 0, VADDR, 512); // PT_LOAD covering the file
  buf.write(interp, 232, "latin1");
  // String table at 260: "\0" then each name NUL-terminated.
  let at = 1;
  const index: number[] = [];
  for (const s of [...needed, ...(runpath ? [runpath] : [])]) {
    index.push(at);
    buf.write(`${s}\0`, 260 + at, "latin1");
    at += s.length + 1;
  }
  const dyn: [number, number][] = needed.map((_, i) => [1, index[i]]);
  if (runpath) dyn.push([29, index[needed.length]]);
  dyn.push([5, VADDR + 260], [0, 0]);
  dyn.forEach(([tag, val], i) => {
    buf.writeBigUInt64LE(BigInt(tag), 320 + i * 16);
    buf.writeBigUInt64LE(BigInt(val), 328 + i * 16);
  });
  ph(2, 2, 320, VADDR + 320, dyn.length * 16); // PT_DYNAMIC
  return buf;
}

describe("readElfDynamic", () => {
  it("reads DT_NEEDED, DT_RUNPATH and the interpreter", () => {
    expect(readElfDynamic(elf(["libz.so.1", "libc.so.6"], "$ORIGIN/../lib"))).toEqual({
      needed: ["libz.so.1", "libc.so.6"],
      runpath: ["$ORIGIN/../lib"],
      interpreter: "/lib64/ld-linux-x86-64.so.2",
    });
  });

  it("gives up on bytes cut before the dynamic section, and on non-ELF files", () => {
    expect(readElfDynamic(elf(["libz.so.1"]).subarray(0, 330))).toBeUndefined();
    expect(readElfDynamic(Buffer.from("#!/bin/sh\necho hi\n".padEnd(80)))).toBeUndefined();
  });
});

function file(path: string, content: string | Buffer): LayerEntry {
  const body = Buffer.from(content);
  return {
    path,
    kind: "file",
    mode: 0o755,
    uid: 0,
    gid: 0,
    size: body.length,
    content: body,
  } as LayerEntry;
}

describe("neededPackages", () => {
  it("maps each soname to the dpkg package listing it (merged /usr included), skipping the artifacts' own libraries", () => {
    const tree = mergeLayers([
      [
        file(
          "var/lib/dpkg/info/zlib1g:amd64.list",
          "/.\n/lib/x86_64-linux-gnu/libz.so.1\n/lib/x86_64-linux-gnu/libz.so.1.2.13\n",
        ),
        file("var/lib/dpkg/info/libc6:amd64.list", "/lib/x86_64-linux-gnu/libc.so.6\n"),
        file("usr/lib/x86_64-linux-gnu/libz.so.1.2.13", "z"),
        file("usr/local/bin/zdemo", elf(["libz.so.1", "libc.so.6", "libown.so.1"])),
        file("usr/local/lib/libown.so.1", elf(["libc.so.6"])),
        file("usr/local/share/doc/readme", "not elf"),
      ],
    ]);
    expect(neededPackages(tree.root, ["/usr/local"])).toEqual({
      sonames: ["libc.so.6", "libown.so.1", "libz.so.1"],
      packages: ["libc6", "zlib1g"],
      unowned: [],
      files: 2,
    });
  });

  it("captures only programs and shared objects under an artifact directory, and the package lists", () => {
    const capture = libraryCapture(["/opt/venv", "/usr/local/bin/app"]);
    expect(
      [
        "opt/venv/lib/python3.11/site-packages/x/_speed.cpython-311-x86_64-linux-gnu.so",
        "opt/venv/bin/python3",
        "usr/local/bin/app",
        "var/lib/dpkg/info/zlib1g:amd64.list",
      ].every(capture),
    ).toBe(true);
    expect(
      [
        "opt/venv/lib/python3.11/site-packages/x/__init__.py",
        "usr/local/bin/other",
        "etc/passwd",
      ].some(capture),
    ).toBe(false);
  });
});
