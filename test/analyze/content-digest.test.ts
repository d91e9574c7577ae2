import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentAlgorithm, contentDigest, contentHasher } from "../../src/tar/content-digest.js";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { layerTar, writeOciLayout } from "../helpers/build-image.js";

// BLAKE3's own test-vector input (byte i is i mod 251); golden digests from `b3sum` 1.2.0
// and `sha256sum` (Debian packages), not from ballast.
const input = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i % 251));
const B3_102400 = "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085";
const B3_65536 = "68d647e619a930e7b1082f74f334b0c65a315725569bdc123f0ee11881717bfe";
const SHA256_65535 = "dda402a2c028f0cbbdbc5c6ebae965eed9c75f71236e7022b0386d3455d5ae2f";
const SHA256_SAME = "abb7f0ae43ba52cc56233a5ecb4dfa11765f26b1282a18346d811b6a85af19c1"; // "same bytes\n"

const tmp = mkdtempSync(join(tmpdir(), "ballast-digest-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("content digests of files", () => {
  it("sha256 below 64 KiB, BLAKE3 from 64 KiB, equal to b3sum and sha256sum", () => {
    expect([contentAlgorithm(65535), contentDigest(input(65535))]).toEqual([
      "sha256",
      SHA256_65535,
    ]);
    expect([contentAlgorithm(65536), contentDigest(input(65536))]).toEqual(["blake3", B3_65536]);
    expect(contentDigest(input(102400))).toBe(B3_102400);
  });

  it("a file arriving in pieces gets the digest of the whole", () => {
    for (const [n, want] of [
      [65535, SHA256_65535],
      [102400, B3_102400],
    ] as const) {
      const h = contentHasher(n);
      const data = input(n);
      for (let at = 0; at < n; at += 7000) h.update(data.subarray(at, at + 7000));
      expect(h.digest()).toBe(want);
    }
  });

  it("duplicate groups in a report carry those digests", async () => {
    const big = input(102400);
    const small = Buffer.from("same bytes\n");
    const tar = await layerTar([
      { name: "a/big", content: big },
      { name: "b/big", content: big },
      { name: "a/small", content: small },
      { name: "b/small", content: small },
    ]);
    const layout = writeOciLayout(join(tmp, "dups"), [{ layers: [tar] }]);
    const report = await analyzeImage(await openImage(`oci:${layout}`));
    expect(report.duplicates.groups.map((g) => [g.digest, g.paths])).toEqual([
      [`blake3:${B3_102400}`, ["/a/big", "/b/big"]],
      [`sha256:${SHA256_SAME}`, ["/a/small", "/b/small"]],
    ]);
  });
});
