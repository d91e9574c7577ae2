import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import type { ImageDiff } from "../../src/analysis/diff.js";
import { fixture } from "./fixtures.js";
import {
  dockerManifest,
  installedPackages,
  ociCompressedBytes,
  uncompressedBytes,
} from "./diff-oracle.js";

async function diff(...args: string[]): Promise<ImageDiff> {
  const io = captureIO();
  const code = await main(["diff", ...args, "--format", "json"], io);
  if (code !== 0) throw new Error(`ballast diff exited ${code}: ${io.err}`);
  return JSON.parse(io.out) as ImageDiff;
}

// make-fixtures.sh: bloated and slim both install python3 on the same debootstrap base; slim
// adds --no-install-recommends and cleans up in the same RUN; multistage copies a zipapp
// onto the base with python3-minimal.
describe("diff of the real fixtures", () => {
  let bloatedSlim: ImageDiff;
  beforeAll(async () => {
    bloatedSlim = await diff(fixture("bloated.docker.tar"), fixture("slim.docker.tar"));
  });

  it("the JSON matches schema/diff.schema.json, package lists included", async () => {
    const { readFileSync } = await import("node:fs");
    const { Ajv } = await import("ajv");
    const schema = JSON.parse(
      readFileSync(new URL("../../schema/diff.schema.json", import.meta.url), "utf8"),
    );
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(bloatedSlim), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(bloatedSlim.packages).toBeDefined();
  });

  it("recognises the shared base layer by digest", () => {
    const base = dockerManifest(fixture("bloated.docker.tar")).config.rootfs.diff_ids[0];
    expect(dockerManifest(fixture("slim.docker.tar")).config.rootfs.diff_ids[0]).toBe(base);
    expect(bloatedSlim.layers.sharedBase.layers).toBe(1);
    expect(bloatedSlim.layers.shared).toEqual([
      expect.objectContaining({ before: 0, after: 0, diffId: base, sameBlob: true }),
    ]);
    expect(bloatedSlim.layers.removed).toHaveLength(3);
    expect(bloatedSlim.layers.added).toHaveLength(2);
  });

  it("the uncompressed delta equals the difference of the two images, summed with tar -tv", () => {
    const before = uncompressedBytes(fixture("bloated.docker.tar"));
    const after = uncompressedBytes(fixture("slim.docker.tar"));
    expect(bloatedSlim.size.uncompressed).toEqual({ before, after, delta: after - before });
  });

  it("lists the packages --no-install-recommends left out, as dpkg-query sees them", () => {
    const before = installedPackages(fixture("bloated.docker.tar"));
    const after = installedPackages(fixture("slim.docker.tar"));
    const removed = [...before].filter((p) => !after.has(p)).sort();
    expect(removed.length).toBeGreaterThan(0);
    expect(bloatedSlim.packages?.manager).toBe("dpkg");
    expect(bloatedSlim.packages?.removed.map((p) => p.name).sort()).toEqual(removed);
    expect(bloatedSlim.packages?.added.map((p) => p.name)).toEqual(
      [...after].filter((p) => !before.has(p)),
    );
    expect(bloatedSlim.packages?.truncated).toBe(false);
  });

  it("the apt lists and caches the slim RUN cleans up are removed paths", () => {
    const removed = new Set(bloatedSlim.paths.removed.map((p) => p.path));
    expect(removed.has("/var/cache/apt/pkgcache.bin")).toBe(true);
    expect(
      [...removed].some((p) => p.startsWith("/var/lib/apt/lists/") && p.endsWith("_Packages")),
    ).toBe(true);
    // Every byte of change in the final filesystem is in the path lists.
    const t = bloatedSlim.paths.totals;
    expect(t.added.bytes - t.removed.bytes + t.changed.delta).toBe(bloatedSlim.size.visible.delta);
  });

  it("slim vs multistage (oci-archives): compressed delta from the manifests, shared base by digest", async () => {
    const d = await diff(fixture("slim.oci.tar"), fixture("multistage.oci.tar"));
    const before = ociCompressedBytes(fixture("slim.oci.tar"));
    const after = ociCompressedBytes(fixture("multistage.oci.tar"));
    expect(d.size.compressed).toEqual({ before, after, delta: after - before });
    expect(d.layers.sharedBase.layers).toBe(1);
    expect(d.layers.shared[0]).toMatchObject({ before: 0, after: 0, sameBlob: true });
    const removed = new Set(d.packages?.removed.map((p) => p.name));
    const multistage = installedPackages(fixture("multistage.docker.tar"));
    const expected = [...installedPackages(fixture("slim.docker.tar"))].filter(
      (p) => !multistage.has(p),
    );
    expect(removed).toEqual(new Set(expected));
    expect(removed.has("python3")).toBe(true);
  });

  it("bloated vs multistage: python3 with its recommends gone, one file added", async () => {
    const d = await diff(fixture("bloated.oci.tar"), fixture("multistage.oci.tar"));
    expect(d.layers.sharedBase.layers).toBe(1);
    expect(d.paths.added.map((p) => p.path)).toContain("/app/app.pyz");
    expect(d.size.compressed.delta).toBe(
      ociCompressedBytes(fixture("multistage.oci.tar")) -
        ociCompressedBytes(fixture("bloated.oci.tar")),
    );
  });

  it("one image in two formats: every layer shared (stored differently), no path changed", async () => {
    const d = await diff(fixture("bloated.docker.tar"), fixture("bloated.oci.tar"));
    expect(d.layers.shared).toHaveLength(4);
    expect(d.layers.shared.every((s) => !s.sameBlob)).toBe(true);
    expect(d.paths.totals).toEqual({
      added: { count: 0, bytes: 0 },
      removed: { count: 0, bytes: 0 },
      changed: { count: 0, delta: 0 },
    });
    expect(d.size.uncompressed.delta).toBe(0);
    expect(d.packages).toMatchObject({ added: [], removed: [], changed: [] });
  });
});
