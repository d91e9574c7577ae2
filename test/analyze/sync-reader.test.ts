import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { SyncLayerReader } from "../../src/analysis/read-layer-file.js";
import { readLayer } from "../../src/tar/read-layer.js";
import { DigestCheck } from "../../src/sources/verify.js";
import { compress, layerTar, sha256 } from "../helpers/build-image.js";

const files = () =>
  layerTar(
    Array.from({ length: 40 }, (_, i) => ({ name: `d/f${i}`, content: "xy".repeat(i * 301) })),
  );

/** Feeds `blob` to a SyncLayerReader in pieces of `step` bytes, as network chunks come. */
function feed(blob: Buffer, step: number, reader: SyncLayerReader) {
  for (let at = 0; at < blob.length; at += step) reader.write(blob.subarray(at, at + step));
  return reader.end();
}

describe("SyncLayerReader (worker threads' synchronous verify → decode → parse)", () => {
  it.each(["gzip", "zstd", "none"] as const)(
    "a %s blob in pieces of 1, 3 and 64 KiB bytes reads as readLayer reads it",
    async (how) => {
      const tar = await files();
      const blob = compress(tar, how);
      const streamed = await readLayer(Readable.from([blob]), { diffId: sha256(tar) });
      expect(streamed.compression).toBe(how);
      for (const step of [1, 3, 65536]) {
        const reader = new SyncLayerReader({ diffId: sha256(tar) });
        expect(feed(blob, step, reader)).toEqual(streamed);
      }
    },
  );

  it("an empty blob or one of 2 bytes is an uncompressed tar, and a truncated one says so", () => {
    expect(() => new SyncLayerReader({}).end()).not.toThrow();
    const two = new SyncLayerReader({});
    two.write(Buffer.from("ab"));
    expect(() => two.end()).toThrow(/tar/i);
  });

  it("bytes that fail their digest are reported by the digest, not by the decoder", async () => {
    const blob = compress(await files(), "gzip");
    const bad = Buffer.from(blob);
    bad[100] ^= 0xff;
    const check = new DigestCheck(sha256(blob), blob.length, "layer 3");
    expect(() => feed(bad, 4096, new SyncLayerReader({}, check))).toThrow(
      /^layer 3 sha256:[0-9a-f]{12} does not match its digest/,
    );
    // The same bytes with no digest to check: the decoder's own error.
    expect(() => feed(bad, 4096, new SyncLayerReader({}))).toThrow(/invalid|incorrect/i);
  });

  it("a wrong diff ID is reported at the end", async () => {
    const tar = await files();
    expect(() =>
      feed(compress(tar, "zstd"), 999, new SyncLayerReader({ diffId: sha256("x") })),
    ).toThrow(/does not match its diff ID/);
  });
});
