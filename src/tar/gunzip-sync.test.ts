import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gunzipSyncDecoder } from "./gunzip-sync.js";

/** Decodes `data` fed in pieces of `piece` bytes; the output is checked against zlib.gunzipSync. */
function decode(data: Buffer, piece: number, outSize = 4096): Buffer {
  const parts: Buffer[] = [];
  const decoder = gunzipSyncDecoder((c) => parts.push(Buffer.from(c)), outSize)!;
  for (let i = 0; i < data.length; i += piece) decoder.write(data.subarray(i, i + piece));
  decoder.end();
  return Buffer.concat(parts);
}

describe("gunzipSyncDecoder", () => {
  const text = Buffer.from("the quick brown fox jumps over the lazy dog\n".repeat(5000));
  const binary = randomBytes(200_000);
  const both = gzipSync(Buffer.concat([text, binary]));

  it.each([1, 7, 512, 4096, 65536, 1 << 20])("decodes in pieces of %i bytes", (piece) => {
    expect(decode(both, piece).equals(gunzipSync(both))).toBe(true);
  });

  it("decodes concatenated members (eStargz), whether or not a write boundary falls between them", () => {
    const members = Buffer.concat([gzipSync(text), gzipSync(binary), gzipSync(Buffer.from("end"))]);
    const expected = Buffer.concat([text, binary, Buffer.from("end")]);
    for (const piece of [gzipSync(text).length, 1000, members.length])
      expect(decode(members, piece).equals(expected)).toBe(true);
  });

  it("throws zlib's error for a corrupt stream and for a truncated one", () => {
    const corrupt = Buffer.from(both);
    corrupt.fill(0x55, 20, 60);
    expect(() => decode(corrupt, 4096)).toThrow(/invalid|incorrect/);
    expect(() => decode(both.subarray(0, both.length - 100), 4096)).toThrow(
      /unexpected end of file/,
    );
    expect(() => decode(Buffer.from("not gzip at all"), 4096)).toThrow(/incorrect header check/);
  });
});
