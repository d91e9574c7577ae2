import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { validateImage } from "../../src/sources/validate.js";
import { parsePlatform } from "../../src/sources/platform.js";
import type { ImageReport } from "../../src/model/report.js";
import { FIXTURE_NAMES, fixture } from "./fixtures.js";

// Images built by buildah/skopeo/dockerd (make-fixtures.sh); every expected number here comes
// from those tools' own files: the OCI manifest, and GNU tar's listing of each layer blob.

const tmp = mkdtempSync(join(tmpdir(), "ballast-real-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Σ sizes of regular files in a layer blob, as GNU tar lists them (gzip/zstd/plain). */
function tarListedBytes(blobPath: string): number {
  const listing = execFileSync(
    "bash",
    ["-c", `tar --auto-compress -tvf "$0" 2>/dev/null || zstd -dc "$0" | tar -tvf -`, blobPath],
    { maxBuffer: 1 << 28 },
  ).toString();
  return listing
    .split("\n")
    .filter((l) => l.startsWith("-"))
    .reduce((sum, l) => sum + Number(l.split(/\s+/)[2]), 0);
}

function ociManifest(
  layoutDir: string,
  tag: string,
): { layers: { digest: string; size: number }[] } {
  const index = JSON.parse(readFileSync(join(layoutDir, "index.json"), "utf8"));
  const d = index.manifests.find(
    (m: { annotations?: Record<string, string> }) =>
      m.annotations?.["org.opencontainers.image.ref.name"] === tag,
  );
  return JSON.parse(readFileSync(join(layoutDir, "blobs/sha256", d.digest.slice(7)), "utf8"));
}

const reports = new Map<string, ImageReport>();
async function analyze(ref: string): Promise<ImageReport> {
  if (!reports.has(ref)) {
    const img = await openImage(ref);
    reports.set(ref, await analyzeImage(img));
  }
  return reports.get(ref)!;
}

describe.each(FIXTURE_NAMES)("fixture %s", (name) => {
  const layout = fixture("oci-layout");

  it("oci layout: layer count and compressed sizes equal the manifest's, uncompressed sizes equal tar -tvf", async () => {
    const manifest = ociManifest(layout, name);
    const r = await analyze(`oci:${layout}:${name}`);
    expect(r.layers.map((l) => l.digest)).toEqual(manifest.layers.map((l) => l.digest));
    expect(r.layers.map((l) => l.compressedSize)).toEqual(manifest.layers.map((l) => l.size));
    expect(r.layers.map((l) => l.size)).toEqual(
      manifest.layers.map((l) => tarListedBytes(join(layout, "blobs/sha256", l.digest.slice(7)))),
    );
    expect(r.waste.reclaimable).toBe(r.size.uncompressed - r.size.visible);
  });

  it("docker-archive and oci-archive exports give the same filesystem, waste and diff IDs", async () => {
    const a = await analyze(`docker-archive:${fixture(`${name}.docker.tar`)}`);
    const b = await analyze(`oci-archive:${fixture(`${name}.oci.tar`)}`);
    expect(a.layers.map((l) => l.diffId)).toEqual(b.layers.map((l) => l.diffId));
    expect(a.layers.map((l) => l.size)).toEqual(b.layers.map((l) => l.size));
    expect(a.waste).toEqual(b.waste);
    expect(a.duplicates).toEqual(b.duplicates);
    expect(a.dive).toEqual(b.dive);
    expect(a.layers.every((l) => l.compression === "none")).toBe(true);
    expect(b.layers.every((l) => l.compression === "gzip")).toBe(true);
  });

  it("passes the conformance check from its oci-archive", async () => {
    const result = await validateImage(
      await openImage(`oci-archive:${fixture(`${name}.oci.tar`)}`),
    );
    expect(result.layers).toBe(ociManifest(layout, name).layers.length);
  });
});

describe("what the fixtures are built to show", () => {
  it("deleted: the 64 MiB file counts twice (original + chmod copy) and the removed directory's 16 MiB", async () => {
    const r = await analyze(`oci:${fixture("oci-layout")}:deleted`);
    const big = r.waste.items.filter((w) => w.path === "/opt/big.bin");
    expect(big.map((w) => [w.kind, w.size]).sort()).toEqual([
      ["deleted", 64 << 20],
      ["shadowed", 64 << 20],
    ]);
    expect(big.find((w) => w.kind === "shadowed")!.hiddenByCreatedBy).toMatch(
      /chmod 600 \/opt\/big.bin/,
    );
    const data = r.waste.items
      .filter((w) => w.path.startsWith("/opt/data/"))
      .reduce((s, w) => s + w.size, 0);
    expect(data).toBe(16 << 20);
    expect(r.waste.reclaimable).toBeGreaterThanOrEqual(2 * (64 << 20) + (16 << 20));
    // apt lists removed a layer too late: still in the image, attributed to the apt-get layer.
    const lists = r.waste.items.filter((w) => w.path.startsWith("/var/lib/apt/lists/"));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((w) => /apt-get update/.test(w.createdBy) && w.kind === "deleted")).toBe(
      true,
    );
  });

  it("scratch: two tiny layers, a symlink, no waste", async () => {
    const r = await analyze(`oci:${fixture("oci-layout")}:scratch`);
    expect(r.layerCount).toBe(2);
    expect(r.size.visible).toBe("hello from scratch\n".length * 2 + "fixture\n".length);
    expect(r.waste.reclaimable).toBe(0);
    expect(r.duplicates.groups.map((g) => g.paths)).toEqual([["/copy-of-hello.txt", "/hello.txt"]]);
  });

  it("zstd layout analyzes like the gzip one", async () => {
    const zstd = await analyze(`oci:${fixture("slim-zstd")}:slim`);
    const gzip = await analyze(`oci:${fixture("oci-layout")}:slim`);
    expect(zstd.layers.map((l) => l.compression)).toEqual(["zstd", "zstd", "zstd"]);
    expect(zstd.layers.map((l) => l.size)).toEqual(gzip.layers.map((l) => l.size));
    expect(zstd.waste).toEqual(gzip.waste);
  });

  it("skopeo dir: layout (uncompressed blobs) analyzes like the OCI one", async () => {
    const dir = await analyze(`dir:${fixture("slim-dir")}`);
    const oci = await analyze(`oci:${fixture("oci-layout")}:slim`);
    const manifest = JSON.parse(readFileSync(fixture("slim-dir/manifest.json"), "utf8"));
    expect(dir.layers.map((l) => l.mediaType)).toEqual(
      manifest.layers.map((l: { mediaType: string }) => l.mediaType),
    );
    expect(dir.layers.map((l) => l.compression)).toEqual(["none", "none", "none"]);
    expect(dir.layers.map((l) => l.diffId)).toEqual(oci.layers.map((l) => l.diffId));
    expect(dir.waste).toEqual(oci.waste);
    expect((await analyze(fixture("slim-dir"))).image.transport).toBe("dir");
  });

  it("two-platform index: picks by --platform, the host's by default", async () => {
    const dir = fixture("index-ocidir");
    const amd = await analyzeImage(await openImage(`oci:${dir}:index`));
    const arm = await analyzeImage(
      await openImage(`oci:${dir}:index`, { platform: parsePlatform("linux/arm64/v8") }),
    );
    expect(amd.layerCount).toBe(3); // slim
    expect(arm.layers.map((l) => l.diffId)).toEqual(
      (await analyze(`oci:${fixture("oci-layout")}:multistage`)).layers.map((l) => l.diffId),
    );
    await expect(
      openImage(`oci:${dir}:index`, { platform: parsePlatform("linux/riscv64") }),
    ).rejects.toThrow(/available: linux\/amd64, linux\/arm64\/v8/);
  });

  it("genuine docker image save output from dockerd, single and multi-image", async () => {
    const built = await analyze(`docker-archive:${fixture("docker-save/bloated-dockerbuild.tar")}`);
    expect(built.layerCount).toBe(4);
    expect(built.layers[1].createdBy).toMatch(/apt-get update/);
    const buildkit = await analyze(
      `docker-archive:${fixture("docker-save/multistage-buildkit.tar")}`,
    );
    expect(buildkit.layers.at(-1)!.createdBy).toMatch(/COPY .*app.pyz|buildkit/);
    const slim = await analyze(
      `docker-archive:${fixture("docker-save/multi-image.tar")}:localhost/fixtures:slim`,
    );
    expect(slim.layers.map((l) => l.diffId)).toEqual(
      (await analyze(`oci:${fixture("oci-layout")}:slim`)).layers.map((l) => l.diffId),
    );
    await expect(openImage(fixture("docker-save/multi-image.tar"))).rejects.toThrow(
      /holds 2 images/,
    );
  });
});
