import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexTar } from "./tar-index.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-tar-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Archives written by GNU tar (an independent writer) in each header format it knows.
describe.each(["gnu", "pax", "ustar"])("indexTar over GNU tar --format=%s", (format) => {
  const src = join(tmp, `src-${format}`);
  const longDir = "d".repeat(90) + "/" + "e".repeat(60);
  mkdirSync(join(src, longDir), { recursive: true });
  writeFileSync(join(src, longDir, "file.txt"), "hello world\n");
  writeFileSync(join(src, "big.bin"), Buffer.alloc(70_000, 7));
  symlinkSync("big.bin", join(src, "link"));
  const tar = join(tmp, `${format}.tar`);
  execFileSync("tar", [`--format=${format}`, "-C", src, "-cf", tar, "."]);

  it("finds every member with its offset, size, type and link target", async () => {
    const members = await indexTar(tar);
    const byName = new Map(members.map((m) => [m.name.replace(/^\.\//, "").replace(/\/$/, ""), m]));
    const file = byName.get(`${longDir}/file.txt`)!;
    expect(file).toMatchObject({ type: "file", size: 12 });
    expect(
      readFileSync(tar)
        .subarray(file.offset, file.offset + file.size)
        .toString(),
    ).toBe("hello world\n");
    expect(byName.get("big.bin")).toMatchObject({ type: "file", size: 70_000 });
    expect(byName.get("link")).toMatchObject({ type: "symlink", linkname: "big.bin" });
    expect(byName.get(longDir)?.type).toBe("dir");
  });
});

describe("indexTar on bad input", () => {
  it("refuses a file that is not a tar", async () => {
    const p = join(tmp, "junk");
    writeFileSync(p, Buffer.alloc(2048, 65));
    await expect(indexTar(p)).rejects.toThrow(
      /not a tar archive \(bad header checksum at byte 0\)/,
    );
  });
  it("refuses a tar cut in the middle of a member", async () => {
    const whole = readFileSync(join(tmp, "gnu.tar"));
    const p = join(tmp, "cut.tar");
    writeFileSync(p, whole.subarray(0, whole.indexOf(Buffer.alloc(512, 7)) + 1024));
    await expect(indexTar(p)).rejects.toThrow(/truncated archive/);
  });
});

/** A ustar header block with the given size field (checksum filled in). */
function ustarHeader(name: string, size: number, type: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write("0000644\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  h.write("00000000000\0", 136);
  h.write("        ", 148);
  h.write(type, 156);
  h.write("ustar\x0000", 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return h;
}
const padded = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);

describe("indexTar with sizes only in PAX records (Go's archive/tar over 8 GiB)", () => {
  it("reads the member's size from the PAX record when the header says 0", async () => {
    const body = Buffer.alloc(70_000, 7);
    const record = (k: string, v: string) => {
      const text = ` ${k}=${v}\n`;
      let n = text.length + 1;
      while (`${n}${text}`.length !== n) n++;
      return `${n}${text}`;
    };
    const pax = Buffer.from(record("size", String(body.length)));
    const tar = Buffer.concat([
      ustarHeader("PaxHeaders/big.bin", pax.length, "x"),
      padded(pax),
      ustarHeader("big.bin", 0, "0"),
      padded(body),
      ustarHeader("after.txt", 3, "0"),
      padded(Buffer.from("end")),
      Buffer.alloc(1024),
    ]);
    const path = join(tmp, "pax-size.tar");
    writeFileSync(path, tar);
    const members = await indexTar(path);
    expect(members.map((m) => [m.name, m.size])).toEqual([
      ["big.bin", 70_000],
      ["after.txt", 3],
    ]);
    expect(execFileSync("tar", ["-tvf", path]).toString()).toMatch(/70000 .*big\.bin/);
  });
});
