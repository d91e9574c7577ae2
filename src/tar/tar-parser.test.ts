import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TarParser, type TarEntryHeader } from "./tar-parser.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-tarparse-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Parsed extends TarEntryHeader {
  sha256: string;
  bytes: number;
}

/** Feeds `tar` to a parser in pieces of `piece` bytes and collects what it reports. */
function parse(tar: Buffer, piece: number): Parsed[] {
  const out: Parsed[] = [];
  let hash = createHash("sha256");
  let bytes = 0;
  const parser = new TarParser({
    entry: (h) => {
      out.push({ ...h, sha256: "", bytes: 0 });
      hash = createHash("sha256");
      bytes = 0;
    },
    data: (b) => {
      hash.update(b);
      bytes += b.length;
    },
    end: () => {
      out[out.length - 1].sha256 = hash.digest("hex");
      out[out.length - 1].bytes = bytes;
    },
  });
  for (let i = 0; i < tar.length; i += piece) parser.write(tar.subarray(i, i + piece));
  parser.finish();
  return out;
}

const sha = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

// Archives written by GNU tar (an independent writer) in each header format it knows.
describe.each(["gnu", "pax", "ustar", "v7"])("TarParser over GNU tar --format=%s", (format) => {
  const src = join(tmp, `src-${format}`);
  const longDir = "d".repeat(90) + "/" + "e".repeat(60);
  const big = Buffer.alloc(70_001, 7);
  mkdirSync(join(src, longDir), { recursive: true });
  writeFileSync(join(src, longDir, "file.txt"), "hello world\n");
  writeFileSync(join(src, "big.bin"), big);
  writeFileSync(join(src, "empty"), "");
  symlinkSync("big.bin", join(src, "link"));
  linkSync(join(src, "big.bin"), join(src, "hard"));
  const tar = join(tmp, `${format}.tar`);
  const longNames = format === "gnu" || format === "pax";
  const members = longNames ? ["."] : ["big.bin", "empty", "link", "hard"];
  execFileSync("tar", [
    `--format=${format}`,
    "--numeric-owner",
    "--owner=1234",
    "--group=567",
    "--sort=name",
    "-C",
    src,
    "-cf",
    tar,
    ...members,
  ]);
  const data = readFileSync(tar);

  it.each([1, 100, 511, 512, 513, 4096, 1 << 20])("in pieces of %i bytes", (piece) => {
    const entries = parse(data, piece);
    const byName = new Map(entries.map((e) => [e.name.replace(/^\.\//, ""), e]));
    expect(byName.get("big.bin")).toMatchObject({
      type: "file",
      size: 70_001,
      bytes: 70_001,
      sha256: sha(big),
      uid: 1234,
      gid: 567,
    });
    expect(byName.get("empty")).toMatchObject({ type: "file", size: 0, bytes: 0 });
    expect(byName.get("link")).toMatchObject({ type: "symlink", linkname: "big.bin" });
    expect(byName.get("hard")?.type).toBe("hardlink");
    expect(byName.get("hard")?.linkname.replace(/^\.\//, "")).toBe("big.bin");
    if (longNames) {
      expect(byName.get(`${longDir}/file.txt`)).toMatchObject({
        type: "file",
        sha256: sha("hello world\n"),
      });
      expect(byName.get(`${longDir}/`)?.type).toBe("dir");
    }
    // GNU tar lists the same members in the same order.
    const listed = execFileSync("tar", ["-tf", tar], { encoding: "utf8" }).trim().split("\n");
    expect(entries.map((e) => e.name)).toEqual(listed);
  });
});

describe("TarParser on bad input", () => {
  const src = join(tmp, "bad");
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, "a"), "x".repeat(1000));
  writeFileSync(join(src, "b"), "y".repeat(1000));
  const tar = join(tmp, "bad.tar");
  execFileSync("tar", ["-C", src, "-cf", tar, "a", "b"]);
  const data = readFileSync(tar);

  it("reports a stream that ends inside a member", () => {
    expect(() => parse(data.subarray(0, 700), 512)).toThrow(/truncated tar stream/);
    expect(() => parse(data.subarray(0, 1536 + 100), 512)).toThrow(/truncated tar stream/);
  });

  it("reports a header whose checksum is wrong, with its offset", () => {
    const broken = Buffer.from(data);
    broken.write("garbage!", 1536); // the second member's header
    expect(() => parse(broken, 4096)).toThrow(/invalid tar header at byte 1536/);
  });

  it("reads on after an end marker (eStargz puts its TOC there) and stops at trailing garbage", () => {
    const end = data.indexOf(Buffer.alloc(1024), 1536 + 512 + 1024);
    const after = Buffer.concat([data.subarray(0, end + 1024), data.subarray(0, 1536)]);
    expect(parse(after, 333).map((e) => e.name)).toEqual(["a", "b", "a"]);
    const garbage = Buffer.concat([data.subarray(0, end + 1024), Buffer.alloc(512, 0x41)]);
    expect(parse(garbage, 512).map((e) => e.name)).toEqual(["a", "b"]);
  });

  it("refuses an oversized PAX header instead of buffering it", () => {
    const h = Buffer.alloc(512);
    h.write("PaxHeaders/x", 0);
    h.write("0000644\0", 100);
    h.write("77777777777\0", 124); // 8 GiB of "extended header"
    h[156] = 0x78; // 'x'
    h.write("        ", 148);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    expect(() => parse(h, 512)).toThrow(/too large/);
  });
});

describe("TarParser on damaged archives (seeded byte flips)", () => {
  const src = join(tmp, "fuzz");
  mkdirSync(join(src, "d".repeat(120)), { recursive: true });
  writeFileSync(join(src, "d".repeat(120), "f"), "z".repeat(3000));
  writeFileSync(join(src, "small"), "s");
  symlinkSync("small", join(src, "ln"));
  const formats = ["gnu", "pax"].map((format) => {
    const tar = join(tmp, `fuzz-${format}.tar`);
    execFileSync("tar", [`--format=${format}`, "-C", src, "-cf", tar, "."]);
    return readFileSync(tar);
  });

  it("either parses or throws an InputError, never anything else, and never loops", async () => {
    const { InputError } = await import("../model/errors.js");
    let x = 12345;
    const rand = (n: number) => (x = (x * 1103515245 + 12345) >>> 0) % n;
    let failures = 0;
    for (let round = 0; round < 600; round++) {
      const data = Buffer.from(formats[round % 2]);
      for (let k = 0; k < 1 + rand(4); k++) data[rand(Math.min(data.length, 4096))] = rand(256);
      try {
        parse(data, 1 + rand(2000));
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(0); // the flips did hit headers
  });
});
