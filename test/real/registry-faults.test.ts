import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { analyzeImage } from "../../src/analysis/analyze.js";
import type { ImageReport } from "../../src/model/report.js";
import { openRegistryImage, type RegistryOpenOptions } from "../../src/sources/registry/image.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import {
  skopeoRawManifest,
  startRegistry,
  type RegistryServer,
} from "../helpers/registry-server.js";
import { fixture } from "./fixtures.js";

// Faults a real registry does not produce on demand are injected by a proxy in front of it.
let registry: RegistryServer;
let proxy: FaultProxy;
let baseline: ImageReport;
let bigLayer: { digest: string; size: number };
// timeoutMs: each attempt gets a third, 1.5 s to answer and between body bytes.
const FAST = { retries: 3, retryBaseMs: 20, timeoutMs: 4500 };

async function analyze(host: string, options: RegistryOpenOptions = {}) {
  const image = await openRegistryImage(`docker://${host}/fixtures/slim:oci`, {
    cacheDir: false,
    http: FAST,
    ...options,
  });
  try {
    const r = await analyzeImage(image);
    return { ...r, image: { ...r.image, reference: "" } };
  } finally {
    await image.close();
  }
}

beforeAll(async () => {
  registry = await startRegistry({ rootDir: fixture("registry-data"), readOnly: true });
  baseline = await analyze(registry.host);
  const m = JSON.parse(skopeoRawManifest(`docker://${registry.host}/fixtures/slim:oci`)) as {
    layers: { digest: string; size: number }[];
  };
  bigLayer = m.layers.reduce((a, b) => (a.size > b.size ? a : b));
});
afterAll(() => registry?.stop());
beforeEach(async () => {
  await proxy?.stop();
  proxy = await startFaultProxy(registry.host);
});
afterAll(() => proxy?.stop());

const blobPath = () => new RegExp(`/blobs/${bigLayer.digest}`);
const blobGets = () => proxy.log.filter((r) => r.path.includes(bigLayer.digest));

describe("registry faults, injected by a fault-injecting proxy in front of the real registry", () => {
  it("429 with Retry-After: waits as told, then succeeds (fault-injecting proxy)", async () => {
    proxy.faults.push({ match: /\/manifests\//, kind: "status", status: 429, retryAfter: "1" });
    const started = Date.now();
    expect(await analyze(proxy.host)).toEqual(baseline);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(proxy.log.filter((r) => r.path.includes("/manifests/")).map((r) => r.action)).toEqual([
      "status",
      "forward",
    ]);
  });

  it("429 asking for an hour fails at once with a clear message (fault-injecting proxy)", async () => {
    proxy.faults.push({ match: /\/manifests\//, kind: "status", status: 429, retryAfter: "3600" });
    const started = Date.now();
    await expect(analyze(proxy.host)).rejects.toThrow(
      `rate limited by ${proxy.host}: it asks to retry after 3600 s`,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("503 twice on a blob: retried with backoff, then the right answer (fault-injecting proxy)", async () => {
    proxy.faults.push({ match: blobPath(), kind: "status", status: 503, times: 2 });
    expect(await analyze(proxy.host)).toEqual(baseline);
    expect(blobGets().map((r) => r.action)).toEqual(["status", "status", "forward"]);
  });

  it("500 forever: a clear error after the retries, no hang (fault-injecting proxy)", async () => {
    proxy.faults.push({ match: blobPath(), kind: "status", status: 500, times: 100 });
    await expect(analyze(proxy.host)).rejects.toThrow(
      /^reading layer 0 \(sha256:[0-9a-f]{12}\): fetching layer 0 sha256:[0-9a-f]{12} of 127\.0\.0\.1:\d+\/fixtures\/slim: HTTP 500 UNAVAILABLE: injected$/,
    );
    expect(blobGets()).toHaveLength(1 + FAST.retries);
  });

  it("connection reset mid-blob: resumes with Range from the byte it stopped at (fault-injecting proxy)", async () => {
    proxy.faults.push({ match: blobPath(), kind: "reset", afterBytes: 5_000_000 });
    expect(await analyze(proxy.host)).toEqual(baseline);
    // A reset drops what the client had not read yet, so it resumes at or before the cut.
    const gets = blobGets();
    expect(gets.map((r) => r.action)).toEqual(["reset", "forward"]);
    expect(gets[0]!.range).toBeUndefined();
    const from = Number(/^bytes=(\d+)-$/.exec(gets[1]!.range ?? "")?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(5_000_000);
  });

  it("a stalled response times out and is retried (fault-injecting proxy)", async () => {
    proxy.faults.push({ match: blobPath(), kind: "stall" });
    expect(await analyze(proxy.host)).toEqual(baseline);
    expect(blobGets().map((r) => r.action)).toEqual(["stall", "forward"]);
  });

  it("a corrupted blob is an error naming the layer, never a wrong answer (fault-injecting proxy)", async () => {
    proxy.faults.push({ match: blobPath(), kind: "corrupt", at: 1_000_000 });
    await expect(analyze(proxy.host)).rejects.toThrow(
      new RegExp(
        `^reading layer 0 \\(${bigLayer.digest.slice(0, 19)}\\): layer 0 ${bigLayer.digest.slice(0, 19)} does not match its digest`,
      ),
    );
  });
});

describe("blob redirects to storage (fault-injecting proxy acting as S3)", () => {
  it("follows the redirect and never sends the registry's Authorization to the storage host", async () => {
    const auth = await startRegistry({ auth: "htpasswd", users: { u: "p" } });
    const { skopeoCopy } = await import("../helpers/registry-server.js");
    await skopeoCopy(
      `oci-archive:${fixture("slim.oci.tar")}`,
      `docker://${auth.host}/fixtures/slim:oci`,
      ["--dest-creds", "u:p"],
    );
    const storageAuth = `Basic ${Buffer.from("u:p").toString("base64")}`;
    const s3 = await startFaultProxy(auth.host, { redirectBlobs: true, storageAuth });
    try {
      expect(await analyze(s3.host, { creds: "u:p" })).toEqual(baseline);
      const registrySide = s3.log.filter((r) => r.origin === "proxy" && r.action === "redirect");
      const storageSide = s3.log.filter((r) => r.origin === "storage");
      expect(registrySide.length).toBeGreaterThanOrEqual(4); // config + 3 layers
      expect(registrySide.every((r) => r.authorization)).toBe(true);
      expect(storageSide.map((r) => r.action)).toEqual(registrySide.map(() => "forward"));
      expect(storageSide.some((r) => r.authorization)).toBe(false);
    } finally {
      await s3.stop();
      await auth.stop();
    }
  });
});
