import { describe, expect, it } from "vitest";
import coreDumps, { isElfCore } from "../../src/analysis/findings/leftover-core-dumps.js";
import { detect, layer } from "./image.js";

/** A 64-bit little-endian ELF header with e_type (offset 16) set, padded to `size` bytes. */
function elf(type: number, size = 4096): Buffer {
  const b = Buffer.alloc(size);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = 2; // ELFCLASS64
  b[5] = 1; // little endian
  b.writeUInt16LE(type, 16);
  return b;
}

describe("leftover-core-dumps", () => {
  it("reports ELF core files named core and core.PID with their bytes", () => {
    const found = detect(coreDumps, {
      layers: [layer({ "app/core": elf(4, 5000), "tmp/core.1234": elf(4, 3000) })],
    });
    expect(found).toMatchObject([{ bytes: 8000, paths: ["/app/core", "/tmp/core.1234"] }]);
  });
  it("ignores files named core that are not core dumps", () => {
    const found = detect(coreDumps, {
      layers: [
        layer({
          "usr/bin/core": elf(2),
          "app/core": "#!/bin/sh\n",
          "usr/lib/python3/dist-packages/numpy/core/x.py": "x",
          "core.txt": elf(4),
        }),
      ],
    });
    expect(found).toEqual([]);
  });
  it("reads big-endian headers", () => {
    const b = elf(0);
    b[5] = 2;
    b.writeUInt16BE(4, 16);
    expect(
      isElfCore({
        path: "core",
        kind: "file",
        size: b.length,
        mode: 0o600,
        uid: 0,
        gid: 0,
        content: b,
      }),
    ).toBe(true);
  });
});
