import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { openRegistryImage } from "../../src/sources/registry/image.js";
import {
  skopeoCopy,
  skopeoRawManifest,
  startRegistry,
  type RegistryServer,
} from "../helpers/registry-server.js";
import { fixture } from "./fixtures.js";

// A real registry whose storage lost a layer blob (as after a bad garbage collection):
// the 404 BLOB_UNKNOWN comes from the registry itself, not from a fake.
describe("a manifest whose layer blob is gone from the real registry's storage", () => {
  let registry: RegistryServer;
  let root: string;
  beforeAll(async () => {
    root = join(fixture(""), "..", `missing-blob-${process.pid}`);
    registry = await startRegistry({ rootDir: root });
    await skopeoCopy(
      `oci-archive:${fixture("scratch.oci.tar")}`,
      `docker://${registry.host}/fixtures/scratch:oci`,
    );
  });
  afterAll(async () => {
    await registry?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("names the layer, its digest and the repository (HTTP 404 BLOB_UNKNOWN)", async () => {
    const ref = `docker://${registry.host}/fixtures/scratch:oci`;
    const layer = (JSON.parse(skopeoRawManifest(ref)) as { layers: { digest: string }[] })
      .layers[1]!.digest;
    const hex = layer.slice(7);
    rmSync(join(root, "docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex), {
      recursive: true,
    });
    const image = await openRegistryImage(ref, { cacheDir: false });
    try {
      await expect(analyzeImage(image)).rejects.toThrow(
        `reading layer 1 (${layer.slice(0, 19)}): layer 1 blob ${layer} not found in ${registry.host}/fixtures/scratch (HTTP 404 BLOB_UNKNOWN)`,
      );
    } finally {
      await image.close();
    }
  });
});
