import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { layerTar, writeOciLayout, type Compression } from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-wording-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A one-layer, one-file image, its layer stored with `how`. */
async function analyze(how: Compression, format: string) {
  const tar = await layerTar([{ name: "app/only.txt", content: "x".repeat(5000) }]);
  const layout = writeOciLayout(mkdtempSync(join(tmp, how)), [{ layers: [tar] }], how);
  const io = captureIO();
  expect(await main(["analyze", `oci:${layout}`, "-f", format], io), io.err).toBe(0);
  return io.out;
}

describe("report wording", () => {
  it("1 layer, 1 file, 0 groups: counts agree with their nouns", async () => {
    const text = await analyze("gzip", "text");
    expect(text).toMatch(/compressed, [\d.]+ kB uncompressed, 1 layer, 1 file\n/);
    expect(text).toMatch(/in 0 groups of identical files/);
    expect(await analyze("gzip", "markdown")).toMatch(/in 1 layer \|[\s\S]*in 1 file \|/);
    expect(await analyze("gzip", "html")).toMatch(/1 layer<\/div>[\s\S]*1 file<\/div>/);
  });

  it("uncompressed layers are 'stored', not 'compressed' (their blob outweighs their files)", async () => {
    const text = await analyze("none", "text");
    expect(text).toMatch(/^Size +[\d.]+ kB stored, /m);
    expect(text).toMatch(/^ +# +stored +size/m);
    expect(text).not.toMatch(/\bcompressed/);
    expect(await analyze("none", "markdown")).toMatch(/\| stored \| \*\*/);
    expect(await analyze("zstd", "text")).toMatch(/^Size +[\d.]+ k?B compressed, /m);
  });
});
