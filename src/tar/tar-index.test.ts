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
