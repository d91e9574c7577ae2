import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeImage } from "../../src/analysis/analyze.js";
import type { ImageReport } from "../../src/model/report.js";
import { openImage } from "../../src/sources/index.js";
import { openRegistryImage } from "../../src/sources/registry/image.js";
import { validateImage } from "../../src/sources/validate.js";
import {
  startRegistry,
  skopeoRawManifest,
  type RegistryServer,
} from "../helpers/registry-server.js";
import { FIXTURE_NAMES, fixture } from "./fixtures.js";

// The registry make-fixtures.sh filled with skopeo (an independent client), served read-only
// by a real Distribution registry of our own on a free port.
let registry: RegistryServer;
beforeAll(async () => {
  registry = await startRegistry({ rootDir: fixture("registry-data"), readOnly: true });
});
afterAll(() => registry?.stop());

const analyzeRef = async (
  ref: string,
  platform?: { os: string; architecture: string; variant?: string },
) => {
  const image = ref.startsWith("docker://")
    ? await openRegistryImage(ref, { cacheDir: false, platform })
    : await openImage(ref, { platform });
  try {
    return await analyzeImage(image);
  } finally {
    await image.close();
  }
};

/** Everything but where the image came from. */
const sameImage = (r: ImageReport) => ({
  ...r,
  image: { ...r.image, reference: "", transport: "" },
});
/** What the filesystem says, independent of how blobs were compressed or manifests written. */
const sameContent = (r: ImageReport) => ({
  size: { ...r.size, compressed: 0 },
  layers: r.layers.map(({ digest, mediaType, compression, compressedSize, ...rest }) => rest),
  waste: r.waste,
  duplicates: r.duplicates,
  largestFiles: r.largestFiles,
  largestDirectories: r.largestDirectories,
  dive: r.dive,
  config: {
    user: r.image.user,
    cmd: r.image.cmd,
    env: r.image.env,
    os: r.image.os,
    architecture: r.image.architecture,
  },
});

/** The manifest as skopeo reads it from the registry: expected digests and sizes. */
function skopeoManifest(ref: string, extra: string[] = []) {
  const raw = skopeoRawManifest(ref, extra);
  const m = JSON.parse(raw) as {
    mediaType?: string;
    config: { digest: string };
    layers: { digest: string; size: number; mediaType: string }[];
  };
  return { ...m, digest: `sha256:${createHash("sha256").update(raw).digest("hex")}` };
}

describe("registry source against a real Distribution registry (pushed by skopeo)", () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}:oci (OCI manifest) analyses exactly like ${name}.oci.tar`, async () => {
      const ref = `docker://${registry.host}/fixtures/${name}:oci`;
      const [remote, local] = await Promise.all([
        analyzeRef(ref),
        analyzeRef(`oci-archive:${fixture(`${name}.oci.tar`)}`),
      ]);
      expect(sameImage(remote)).toEqual(sameImage(local));
      const m = skopeoManifest(ref);
      expect(remote.image.manifestMediaType).toBe("application/vnd.oci.image.manifest.v1+json");
      expect(remote.image.manifestDigest).toBe(m.digest);
      expect(remote.image.configDigest).toBe(m.config.digest);
      expect(remote.layers.map((l) => [l.digest, l.compressedSize])).toEqual(
        m.layers.map((l) => [l.digest, l.size]),
      );
    });

    it(`${name}:v2s2 (Docker v2 schema 2) analyses like ${name}.docker.tar, and has the same files as ${name}.oci.tar`, async () => {
      const ref = `docker://${registry.host}/fixtures/${name}:v2s2`;
      const [remote, dockerArchive, ociArchive] = await Promise.all([
        analyzeRef(ref),
        analyzeRef(`docker-archive:${fixture(`${name}.docker.tar`)}`),
        analyzeRef(`oci-archive:${fixture(`${name}.oci.tar`)}`),
      ]);
      expect(sameContent(remote)).toEqual(sameContent(dockerArchive));
      expect(remote.image.configDigest).toBe(dockerArchive.image.configDigest);
      expect(sameContent(remote)).toEqual(sameContent(ociArchive));
      const m = skopeoManifest(ref);
      expect(remote.image.manifestMediaType).toBe(
        "application/vnd.docker.distribution.manifest.v2+json",
      );
      expect(remote.image.manifestDigest).toBe(m.digest);
      expect(remote.layers.map((l) => [l.digest, l.compressedSize, l.mediaType])).toEqual(
        m.layers.map((l) => [l.digest, l.size, l.mediaType]),
      );
    });
  }

  it("bloated:oci read by worker threads, with the layer cache: same report, then served from the cache", async () => {
    const { mkdtempSync, readdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const cacheDir = mkdtempSync(join(tmpdir(), "ballast-worker-cache-"));
    try {
      const ref = `docker://${registry.host}/fixtures/bloated:oci`;
      const threaded = async () => {
        const image = await openRegistryImage(ref, { cacheDir });
        try {
          return await analyzeImage(image, { workers: true });
        } finally {
          await image.close();
        }
      };
      const [inWorkers, inProcess] = await Promise.all([threaded(), analyzeRef(ref)]);
      expect(inWorkers).toEqual(inProcess);
      const cached = readdirSync(join(cacheDir, "blobs/sha256")).map((h) => `sha256:${h}`);
      expect(cached.sort()).toEqual(inProcess.layers.map((l) => l.digest).sort());
      expect(await threaded()).toEqual(inProcess);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it("slim:zstd reads zstd layers and has the same files as slim.oci.tar", async () => {
    const ref = `docker://${registry.host}/fixtures/slim:zstd`;
    const [remote, local] = await Promise.all([
      analyzeRef(ref),
      analyzeRef(`oci-archive:${fixture("slim.oci.tar")}`),
    ]);
    expect(sameContent(remote)).toEqual(sameContent(local));
    const m = skopeoManifest(ref);
    expect(m.layers.every((l) => l.mediaType.endsWith("+zstd"))).toBe(true);
    expect(remote.layers.map((l) => [l.compression, l.compressedSize])).toEqual(
      m.layers.map((l) => ["zstd", l.size]),
    );
  });

  it("index:latest picks the host platform (the slim image) and --platform linux/arm64/v8 picks the other entry", async () => {
    const ref = `docker://${registry.host}/fixtures/index:latest`;
    const index = JSON.parse(skopeoRawManifest(ref)) as {
      mediaType: string;
      manifests: { digest: string; platform: { architecture: string } }[];
    };
    expect(index.manifests.map((m) => m.platform.architecture)).toEqual(["amd64", "arm64"]);
    const [amd64, arm64, slim, multistage] = await Promise.all([
      analyzeRef(ref, { os: "linux", architecture: "amd64" }),
      analyzeRef(ref, { os: "linux", architecture: "arm64", variant: "v8" }),
      analyzeRef(`oci-archive:${fixture("slim.oci.tar")}`),
      analyzeRef(`oci-archive:${fixture("multistage.oci.tar")}`),
    ]);
    expect(amd64.image.manifestDigest).toBe(index.manifests[0]!.digest);
    expect(arm64.image.manifestDigest).toBe(index.manifests[1]!.digest);
    expect(sameContent(amd64)).toEqual(sameContent(slim));
    expect(sameContent(arm64).layers).toEqual(sameContent(multistage).layers);
    await expect(analyzeRef(ref, { os: "linux", architecture: "s390x" })).rejects.toThrow(
      /no image for platform linux\/s390x; available: linux\/amd64, linux\/arm64\/v8/,
    );
  });

  it("--platform on a single-platform image: its own platform is fine, another one is an error", async () => {
    const ref = `docker://${registry.host}/fixtures/scratch:oci`;
    const config = JSON.parse(
      execFileSync("skopeo", ["inspect", "--config", "--tls-verify=false", ref], {
        encoding: "utf8",
      }),
    ) as {
      os: string;
      architecture: string;
    };
    expect(
      (await analyzeRef(ref, { os: config.os, architecture: config.architecture })).image
        .architecture,
    ).toBe(config.architecture);
    await expect(analyzeRef(ref, { os: "linux", architecture: "riscv64" })).rejects.toThrow(
      `no image for platform linux/riscv64; available: ${config.os}/${config.architecture}`,
    );
  });

  it("by digest: fetches exactly that manifest, and the conformance check passes", async () => {
    const m = skopeoManifest(`docker://${registry.host}/fixtures/scratch:oci`);
    const image = await openRegistryImage(
      `docker://${registry.host}/fixtures/scratch@${m.digest}`,
      { cacheDir: false },
    );
    try {
      expect(image.manifestDigest).toBe(m.digest);
      const result = await validateImage(image);
      expect(result.layers).toBe(m.layers.length);
      expect(result.blobBytes).toBe(m.layers.reduce((s, l) => s + l.size, 0));
      // open() may be called again: a second read verifies again
      expect((await validateImage(image)).blobBytes).toBe(result.blobBytes);
    } finally {
      await image.close();
    }
  });

  it("says repository vs tag vs digest when something is not there", async () => {
    const open = (r: string) =>
      openRegistryImage(`docker://${registry.host}/${r}`, { cacheDir: false });
    await expect(open("fixtures/nope:oci")).rejects.toThrow(
      `repository ${registry.host}/fixtures/nope not found`,
    );
    await expect(open("fixtures/slim:nope")).rejects.toThrow(
      new RegExp(
        `^tag "nope" not found in ${registry.host}/fixtures/slim \\(HTTP 404 MANIFEST_UNKNOWN\\); tags: .*\\boci\\b`,
      ),
    );
    const missing = `sha256:${"0".repeat(64)}`;
    await expect(open(`fixtures/slim@${missing}`)).rejects.toThrow(
      `manifest ${missing} not found in ${registry.host}/fixtures/slim`,
    );
  });

  it("fails fast and clearly when nothing listens", async () => {
    const started = Date.now();
    await expect(
      openRegistryImage("docker://127.0.0.1:1/x:y", { cacheDir: false }),
    ).rejects.toThrow(/^cannot reach registry 127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a layer stream destroyed midway stops downloading, and the layer can be read again", async () => {
    let fetched = 0; // bytes off the network, as progress reports them
    const image = await openRegistryImage(`docker://${registry.host}/fixtures/deleted:oci`, {
      cacheDir: false,
      onProgress: (p) => (fetched = p.bytes),
    });
    try {
      const layer = [...image.layers].sort((a, b) => b.size - a.size)[0]!;
      const blob = await layer.open();
      blob.on("data", () => fetched >= 1 << 20 && blob.destroy());
      await new Promise((resolve) => blob.on("close", resolve));
      const atDestroy = fetched;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fetched).toBe(atDestroy);
      expect(fetched).toBeLessThan(layer.size / 4);
      // A full read afterwards still gets every byte, verified.
      const hash = createHash("sha256");
      for await (const chunk of await layer.open()) hash.update(chunk as Buffer);
      expect(`sha256:${hash.digest("hex")}`).toBe(layer.digest);
    } finally {
      await image.close();
    }
  });
});
