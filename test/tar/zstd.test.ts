import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZstdFrames } from "../../src/tar/zstd-frames.js";
import { zstdDecoder, zstdImplementation } from "../../src/tar/zstd-decoder.js";

/** Text-like data that compresses about 3×, a different stream for each seed. */
function sample(bytes: number, seed = 1): Buffer {
  const out = Buffer.alloc(bytes);
  let x = seed * 2654435761;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = 97 + ((x >>> 16) % 20);
  }
  return out;
}

/** The zstd CLI, reading stdin (so frames carry no content size unless -c is given a file). */
const zstdCli = (input: Buffer, ...args: string[]) =>
  execFileSync("zstd", [...args, "-q", "-c"], { input, maxBuffer: 1 << 28 });

/**
 * Decodes `blob` fed in pieces of `step` bytes, as the layer readers feed it: through one
 * reused read buffer, overwritten after each write (readLayerFileSync does the same).
 */
function decode(blob: Buffer, step: number): Buffer {
  const parts: Buffer[] = [];
  const decoder = zstdDecoder((c) => parts.push(Buffer.from(c)), 64 << 10);
  const reused = Buffer.alloc(step);
  for (let at = 0; at < blob.length; at += step) {
    const n = blob.copy(reused, 0, at, at + step);
    decoder.write(reused.subarray(0, n));
    reused.fill(0xee);
  }
  decoder.end();
  return Buffer.concat(parts);
}

const md5 = (b: Buffer) => createHash("md5").update(b).digest("hex");

function skippable(payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(0x184d2a53, 0);
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

describe(`zstd decoding (this Node uses ${zstdImplementation()})`, () => {
  it("two frames with a skippable frame between them, in pieces of 1, 7 and 64 KiB bytes", () => {
    const a = sample(300_000, 1);
    const b = sample(200_000, 2);
    const blob = Buffer.concat([
      zstdCli(a, "-3"),
      skippable(Buffer.from("meta")),
      zstdCli(b, "-19"),
    ]);
    for (const step of [7, 65536, blob.length])
      expect(md5(decode(blob, step))).toBe(md5(Buffer.concat([a, b])));
  });

  it("a frame with its content checksum, and one with no content size", () => {
    const data = sample(1 << 20, 3);
    expect(md5(decode(zstdCli(data, "-3", "--check"), 4096))).toBe(md5(data));
    expect(md5(decode(zstdCli(data, "-1", "--no-check"), 4096))).toBe(md5(data));
  });

  it("a stream cut anywhere fails instead of ending early", () => {
    const blob = zstdCli(sample(400_000, 4), "-3", "--check");
    for (const cut of [1, 4, 5, 9, 100, blob.length >> 1, blob.length - 4, blob.length - 1])
      expect(() => decode(blob.subarray(0, cut), 1000), `cut at ${cut}`).toThrow(/truncated|zstd/i);
  });

  it("bytes after the last frame that are no frame are an error", () => {
    const blob = Buffer.concat([zstdCli(sample(1000), "-3"), Buffer.from("garbage!")]);
    expect(() => decode(blob, 512)).toThrow(/not a zstd frame/);
  });

  it("a 128 MiB window (zstd --long=27) decodes on Node's libzstd, and is refused by fzstd", () => {
    const data = sample(3 << 20, 5);
    const blob = zstdCli(data, "--long=27", "-3");
    if (zstdImplementation() === "node") expect(md5(decode(blob, 1 << 20))).toBe(md5(data));
    else expect(() => decode(blob, 1 << 20)).toThrow(/needs a 128 MiB window.*Node ≥ 22\.15/);
  });
});

describe("ZstdFrames reads the window size from each frame header (RFC 8878 §3.1.1.1.2)", () => {
  const windows = (blob: Buffer, step: number) => {
    const seen: number[] = [];
    const frames = new ZstdFrames((w) => seen.push(w));
    for (let at = 0; at < blob.length; at += step) frames.write(blob.subarray(at, at + step));
    frames.end();
    return seen;
  };

  it("matches the window sizes that `zstd -lv` prints", () => {
    const parts = [
      zstdCli(sample(2 << 20, 6), "--long=27", "-3"),
      zstdCli(sample(2 << 20, 7), "-19"),
      zstdCli(sample(2 << 20, 8), "-1"),
    ];
    // zstd -lv reads a file and describes its first frame: each part is listed alone.
    const reported = parts.map((part) => {
      const listed = execFileSync("sh", ["-c", 'f=$(mktemp); cat > "$f"; zstd -lv "$f"; rm "$f"'], {
        input: part,
        encoding: "utf8",
      });
      return Number(/Window Size: .*\((\d+) B\)/.exec(listed)![1]);
    });
    expect(reported).toEqual([128 * 2 ** 20, 8 * 2 ** 20, 512 * 2 ** 10]);
    const blob = Buffer.concat(parts);
    for (const step of [1, 5, 1 << 20]) expect(windows(blob, step)).toEqual(reported);
  });

  it("a single-segment frame's window is its content size", () => {
    const small = execFileSync("sh", [
      "-c",
      'f=$(mktemp); printf %s "$0" > $f; zstd -q -c $f; rm $f',
      "x".repeat(300),
    ]);
    expect(windows(small, 1)).toEqual([300]);
  });
});
