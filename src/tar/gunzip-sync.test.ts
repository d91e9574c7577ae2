import { randomBytes } from "node:crypto";
import { crc32, deflateRawSync, gunzipSync, gzipSync } from "node:zlib";
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

describe("gunzipSyncDecoder reads gzip framing as zlib's gunzip does", () => {
  const body = Buffer.from("framing ".repeat(3000));
  const deflated = deflateRawSync(body);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(body), 0);
  trailer.writeUInt32LE(body.length, 4);
  /** A member with the optional header fields of `flags` (RFC 1952: FHCRC 2, FEXTRA 4, FNAME 8, FCOMMENT 16). */
  const member = (flags: number) => {
    const parts = [Buffer.from([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 3])];
    if (flags & 4) parts.push(Buffer.from([5, 0]), Buffer.from("SGxyz"));
    if (flags & 8) parts.push(Buffer.from("layer.tar\0"));
    if (flags & 16) parts.push(Buffer.from("a comment\0"));
    if (flags & 2) {
      const crc = Buffer.alloc(2);
      crc.writeUInt16LE(crc32(Buffer.concat(parts)) & 0xffff);
      parts.push(crc);
    }
    return Buffer.concat([...parts, deflated, trailer]);
  };
  /** zlib.gunzipSync's answer: the bytes, or its error message. */
  const oracle = (data: Buffer) => {
    try {
      return gunzipSync(data);
    } catch (err) {
      return (err as Error).message;
    }
  };
  const ours = (data: Buffer, piece: number) => {
    try {
      return decode(data, piece);
    } catch (err) {
      return (err as Error).message;
    }
  };
  const cases: [string, Buffer][] = [
    ["every optional header field", member(2 | 4 | 8 | 16)],
    ["FEXTRA and FNAME, two members", Buffer.concat([member(4), member(8)])],
    ["zero padding after the last member", Buffer.concat([member(0), Buffer.alloc(300)])],
    [
      "zero padding then other bytes (zlib ignores them)",
      Buffer.concat([member(0), Buffer.from([0, 7, 7])]),
    ],
    ["garbage after a member", Buffer.concat([member(0), Buffer.from("garbage")])],
    ["a member cut in its trailer", member(0).subarray(0, member(0).length - 3)],
    ["a member cut right after its deflate data", member(0).subarray(0, member(0).length - 8)],
    ["a second member cut in its header", Buffer.concat([member(0), member(8).subarray(0, 14)])],
    ["a header cut in its name", member(8).subarray(0, 14)],
    ["an unknown compression method", Buffer.from([0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3, 1, 2])],
    ["reserved header flags", Buffer.from([0x1f, 0x8b, 8, 0x20, 0, 0, 0, 0, 0, 3, 1, 2])],
    ["no bytes at all", Buffer.alloc(0)],
  ];
  it.each(cases)("%s", (_name, data) => {
    const expected = oracle(data);
    for (const piece of [1, 5, 4096]) expect(ours(data, piece)).toEqual(expected);
  });
});

describe("gunzipSyncDecoder and the CRC-32", () => {
  it("does not check it (the layer's digest and diff ID check every byte), where zlib does", () => {
    const data = gzipSync(Buffer.from("crc ".repeat(100)));
    data[data.length - 8] ^= 0xff; // the trailer's CRC-32
    expect(() => gunzipSync(data)).toThrow(/incorrect data check/);
    expect(decode(data, 64).toString()).toBe("crc ".repeat(100));
  });
});
