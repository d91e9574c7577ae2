import { describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { validateImage } from "../../src/sources/validate.js";

const DIVE = new URL("../fixtures/dive/", import.meta.url).pathname;

// Golden values: dive's own test assertions and the hand-checked table in test/fixtures/dive/README.md.
describe("dive's reference images", () => {
  it("test-docker-image.tar: dive's metrics exactly, and the exact waste", async () => {
    const r = await analyzeImage(await openImage(`${DIVE}test-docker-image.tar`));
    expect(r.dive.efficiency).toBe(0.9844212134184309);
    expect(r.dive.sizeBytes).toBe(1220598);
    expect(r.dive.userSizeBytes).toBe(66237);
    expect(r.dive.wastedBytes).toBe(32025);
    expect(r.dive.userWastedPercent).toBe(0.4834911001404049);
    expect(r.dive.inefficientFiles).toEqual([
      { path: "/root/saved.txt", count: 2, size: 12810 },
      { path: "/root/example/somefile1.txt", count: 2, size: 12810 },
      { path: "/root/example/somefile3.txt", count: 2, size: 6405 },
    ]);
    expect(r.layers.map((l) => l.size)).toEqual([
      1154361, 6405, 0, 6405, 6405, 6405, 6405, 6405, 6405, 0, 2187, 6405, 6405, 6405,
    ]);
    expect(r.size.uncompressed).toBe(1220598);
    expect(r.size.visible).toBe(1188573);
    expect(r.waste).toMatchObject({ reclaimable: 32025, shadowed: 12810, deleted: 19215 });
    expect(r.duplicates.bytes).toBe(25620);
    expect(r.duplicates.groups).toHaveLength(1);
    expect(r.duplicates.groups[0].paths).toHaveLength(5);
    // somefile2 is deleted by the directory whiteout `root/.wh.example` (dive misses it).
    expect(r.waste.items.find((w) => w.layer === 5)).toMatchObject({
      path: "/root/example/",
      kind: "deleted",
      hiddenBy: 9,
      size: 6405,
    });
    // The instruction that made each layer, history aligned past the one empty_layer entry (CMD).
    expect(r.layers[9].createdBy).toBe("/bin/sh -c rm -rf /root/example/");
  });

  it("test-kaniko-image.tar: gzip layers named by digest, same recipe", async () => {
    const img = await openImage(`docker-archive:${DIVE}test-kaniko-image.tar`);
    const r = await analyzeImage(img);
    expect(r.dive).toMatchObject({
      efficiency: 0.9793688490216431,
      sizeBytes: 1326410,
      userSizeBytes: 94677,
      wastedBytes: 46245,
      userWastedPercent: 0.4884502043790995,
    });
    expect(r.waste).toMatchObject({ reclaimable: 46245, shadowed: 18498, deleted: 27747 });
    expect(r.size.visible).toBe(1280165);
    expect(r.duplicates.bytes).toBe(36996);
    expect(r.layers.every((l) => l.compression === "gzip")).toBe(true);
    expect(r.layers[0].digest).toBe(
      "sha256:5c4213be9af904dd74649d250f22023f532b2f9179ffcb15260b5eaa10d7a3b4",
    );
    await validateImage(img);
  });

  it.each([
    ["gzip", "gzip", false],
    ["zstd", "zstd", false],
    ["estargz", "gzip", true],
    ["uncompressed", "none", false],
  ])("test-oci-%s-image.tar: one 11189-byte file, no waste", async (name, compression, estargz) => {
    const img = await openImage(`oci-archive:${DIVE}test-oci-${name}-image.tar`);
    const r = await analyzeImage(img);
    expect(r.image.architecture).toBe("arm64");
    expect(r.layerCount).toBe(1);
    expect(r.layers[0].compression).toBe(compression);
    expect(Boolean(r.layers[0].estargz)).toBe(estargz);
    expect(r.size.uncompressed).toBe(11189);
    expect(r.dive.efficiency).toBe(1);
    expect(r.dive.userWastedPercent).toBeNull();
    expect(r.waste.reclaimable).toBe(0);
    await validateImage(img);
  });

  it("test-gzip-image.tar is refused as not an image", async () => {
    await expect(openImage(`${DIVE}test-gzip-image.tar`)).rejects.toThrow(/not an image/);
  });
});
