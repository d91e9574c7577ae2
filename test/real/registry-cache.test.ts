import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { openRegistryImage, type RegistryOpenOptions } from "../../src/sources/registry/image.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import {
  skopeoRawManifest,
  startRegistry,
  type RegistryServer,
} from "../helpers/registry-server.js";
import { fixture } from "./fixtures.js";

// A pass-through (fault-injecting) proxy counts what is fetched from the real registry.
let registry: RegistryServer;
let proxy: FaultProxy;
let cacheDir: string;
const layersOf = (tag: string) =>
  (
    JSON.parse(skopeoRawManifest(`docker://${registry.host}/fixtures/${tag}`)) as {
      layers: { digest: string; size: number }[];
    }
  ).layers;

beforeAll(async () => {
  registry = await startRegistry({ rootDir: fixture("registry-data"), readOnly: true });
  proxy = await startFaultProxy(registry.host);
  cacheDir = mkdtempSync(join(tmpdir(), "ballast-cache-"));
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  rmSync(cacheDir, { recursive: true, force: true });
});
beforeEach(() => void proxy.log.splice(0));

async function analyze(tag: string, options: RegistryOpenOptions = {}, workers?: boolean) {
  const image = await openRegistryImage(`docker://${proxy.host}/fixtures/${tag}`, {
    cacheDir,
    ...options,
  });
  try {
    return await analyzeImage(image, { workers });
  } finally {
    await image.close();
  }
}
const fetchedLayers = (tag: string) =>
  layersOf(tag).filter((l) => proxy.log.some((r) => r.path.endsWith(`/blobs/${l.digest}`)));
const entryPath = (digest: string) => join(cacheDir, "blobs/sha256", digest.slice(7));
const cached = () =>
  readdirSync(join(cacheDir, "blobs/sha256"))
    .map((hex) => `sha256:${hex}`)
    .sort();

describe("on-disk layer cache (requests counted by a pass-through fault-injecting proxy)", () => {
  it("a first analysis stores every layer under its digest, complete and with no temp files left", async () => {
    await analyze("slim:oci");
    const layers = layersOf("slim:oci");
    expect(fetchedLayers("slim:oci")).toHaveLength(layers.length);
    expect(cached()).toEqual(layers.map((l) => l.digest).sort());
    for (const l of layers) expect(statSync(entryPath(l.digest)).size).toBe(l.size);
    expect(readdirSync(join(cacheDir, "tmp"))).toEqual([]);
  });

  it("a second analysis downloads no layer and gives the same report", async () => {
    const first = await analyze("slim:oci", { cacheDir: false });
    proxy.log.splice(0);
    expect(await analyze("slim:oci")).toEqual(first);
    expect(fetchedLayers("slim:oci")).toEqual([]);
  });

  it("read by worker threads, cached layers are read from the cache as local files: no download, same report", async () => {
    const first = await analyze("slim:oci", { cacheDir: false });
    proxy.log.splice(0);
    expect(await analyze("slim:oci", {}, true)).toEqual(first);
    expect(fetchedLayers("slim:oci")).toEqual([]);
    const image = await openRegistryImage(`docker://${proxy.host}/fixtures/slim:oci`, { cacheDir });
    await image.close();
    for (const l of image.layers) expect(l.file).toMatchObject({ path: entryPath(l.digest) });
  });

  it("an image sharing the base layer downloads only the layers not seen before", async () => {
    const base = layersOf("slim:oci")[0]!.digest;
    expect(layersOf("multistage:oci")[0]!.digest).toBe(base);
    await analyze("multistage:oci");
    expect(fetchedLayers("multistage:oci").map((l) => l.digest)).toEqual(
      layersOf("multistage:oci")
        .slice(1)
        .map((l) => l.digest),
    );
  });

  it.each([
    ["read in this thread", false, 1, 0x41],
    ["read as a local file by worker threads", true, 0, 0x42],
  ] as const)(
    "a damaged entry (%s) is dropped and fetched again, not trusted",
    async (_how, workers, index, fill) => {
      const victim = layersOf("slim:oci")[index]!;
      const path = entryPath(victim.digest);
      writeFileSync(path, Buffer.alloc(victim.size, fill));
      const expected = await analyze("slim:oci", { cacheDir: false });
      proxy.log.splice(0);
      expect(await analyze("slim:oci", {}, workers)).toEqual(expected);
      expect(fetchedLayers("slim:oci").map((l) => l.digest)).toEqual([victim.digest]);
      expect(statSync(path).size).toBe(victim.size); // fetched into the cache again
    },
  );

  it("a download that fails leaves neither an entry nor a temp file", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "ballast-cache-"));
    const victim = layersOf("bloated:oci").reduce((a, b) => (a.size > b.size ? a : b));
    // Cut after 1 MB (so a partial temp file exists), then refuse the resumed requests.
    proxy.faults.push({ match: new RegExp(victim.digest), kind: "reset", afterBytes: 1_000_000 });
    proxy.faults.push({ match: new RegExp(victim.digest), kind: "status", status: 500, times: 10 });
    await expect(
      analyze("bloated:oci", { cacheDir: fresh, http: { retries: 1, retryBaseMs: 10 } }),
    ).rejects.toThrow(/fetching layer \d/);
    expect(readdirSync(join(fresh, "blobs/sha256"))).not.toContain(victim.digest.slice(7));
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(join(fresh, "tmp"))).toEqual([]);
    proxy.faults.splice(0);
    rmSync(fresh, { recursive: true, force: true });
  });
});
