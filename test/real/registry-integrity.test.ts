import { randomBytes } from "node:crypto";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { openRegistryImage, type RegistryOpenOptions } from "../../src/sources/registry/image.js";
import { entries, layerTar } from "../helpers/build-image.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import { startRegistry, type RegistryServer } from "../helpers/registry-server.js";
import {
  blobFile,
  getManifest,
  pushImage,
  putManifest,
  type PushedLayer,
} from "./registry-images.js";

// Issue 13 §2, §4, §5: what a registry sends is checked before it is trusted or buffered.
// The images live in a real, writable Distribution registry whose storage the tests can
// tamper with; the proxy adds only what the registry cannot be made to send.
let registry: RegistryServer;
let proxy: FaultProxy;
let work: string;
let storage: string;
let layer: PushedLayer;
let tar: Buffer;
const MB = 1 << 20;
const QUICK = { timeoutMs: 6000, retries: 3, retryBaseMs: 20 };

async function analyze(host: string, tag: string, options: RegistryOpenOptions = {}) {
  const image = await openRegistryImage(`docker://${host}/integrity/app:${tag}`, {
    cacheDir: false,
    http: QUICK,
    ...options,
  });
  try {
    const r = await analyzeImage(image, { workers: false });
    return { ...r, image: { ...r.image, reference: "" } };
  } finally {
    await image.close();
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "ballast-integrity-"));
  storage = join(work, "storage");
  registry = await startRegistry({ rootDir: storage });
  tar = await layerTar([
    ...entries({ "etc/": null, "etc/os-release": "ID=integrity\n" }),
    { name: "data.bin", content: randomBytes(3 * MB) },
  ]);
  layer = await pushImage(registry.host, work, "integrity/app:app", tar);
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});
beforeEach(async () => {
  await proxy?.stop();
  proxy = await startFaultProxy(registry.host);
});

describe(
  "sizes a manifest declares are checked before anything is read",
  { timeout: 30_000 },
  () => {
    it("a config declared as 10^12 bytes is refused, not buffered (real registry)", async () => {
      const manifest = await getManifest(registry.host, "integrity/app", "app");
      const config = manifest.config as { digest: string; size: number };
      await putManifest(registry.host, "integrity/app", "huge-config", {
        ...manifest,
        config: { ...config, size: 1e12 },
      });
      await expect(analyze(registry.host, "huge-config")).rejects.toThrow(
        `config ${config.digest.slice(0, 19)}: the manifest declares 1000000000000 bytes, over the limit of 4194304 for a config`,
      );
    });

    it("a config shorter than declared is refused (real registry)", async () => {
      const manifest = await getManifest(registry.host, "integrity/app", "app");
      const config = manifest.config as { digest: string; size: number };
      await putManifest(registry.host, "integrity/app", "long-config", {
        ...manifest,
        config: { ...config, size: config.size + 10 },
      });
      await expect(analyze(registry.host, "long-config")).rejects.toThrow(
        `config ${config.digest.slice(0, 19)}: expected ${config.size + 10} bytes, read ${config.size}`,
      );
    });
  },
);

describe("manifests of the wrong shape (fault-injecting proxy: a real registry refuses them)", () => {
  const index = "application/vnd.oci.image.index.v1+json";
  const oci = "application/vnd.oci.image.manifest.v1+json";
  it.each([
    [
      "an index whose manifests is an object",
      index,
      { schemaVersion: 2, mediaType: index, manifests: {} },
      '"manifests" must be an array',
    ],
    [
      "a layer size given as a string",
      oci,
      {
        schemaVersion: 2,
        mediaType: oci,
        config: { digest: "sha256:" + "a".repeat(64), size: 2 },
        layers: [{ digest: "sha256:" + "b".repeat(64), size: "12" }],
      },
      '"layers[0].size" must be a whole number of bytes',
    ],
    ["null", oci, null, "is not a JSON object"],
  ])("%s: an error naming the field", async (_what, type, body, expected) => {
    proxy.faults.push({
      match: /\/manifests\//,
      kind: "status",
      status: 200,
      contentType: type,
      body: JSON.stringify(body),
    });
    await expect(analyze(proxy.host, "app")).rejects.toThrow(
      new RegExp(
        `^127\\.0\\.0\\.1:\\d+/integrity/app:app: manifest(: | )${expected.replace(/[[\].]/g, "\\$&")}$`,
      ),
    );
  });
});

describe("a resume answered with the wrong Content-Range", { timeout: 30_000 }, () => {
  it("reads the blob again from the start and gets the right answer (fault-injecting proxy)", async () => {
    const baseline = await analyze(registry.host, "app");
    const blob = new RegExp(`/blobs/${layer.digest}`);
    proxy.faults.push({ match: blob, kind: "reset", afterBytes: 1_000_000 });
    proxy.faults.push({ match: blob, kind: "wrong-range", start: 0, times: 100 });
    expect(await analyze(proxy.host, "app")).toEqual(baseline);
    const gets = proxy.log.filter((r) => r.path.includes(layer.digest));
    expect(gets.map((r) => r.action)).toEqual(["reset", "wrong-range", "wrong-range"]);
    expect(gets[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(gets[2]!.range).toBeUndefined(); // the full re-read
  });
});

describe(
  "every byte of a registry blob is hashed, whatever the decoder stops at",
  { timeout: 60_000 },
  () => {
    let padded: PushedLayer;
    beforeAll(async () => {
      // A legitimate blob: the gzip stream, then 1 MB of zeros (both hashed into its digest).
      const blob = Buffer.concat([gzipSync(tar), Buffer.alloc(MB)]);
      padded = await pushImage(registry.host, work, "integrity/app:padded", tar, blob);
      const file = blobFile(storage, padded.digest);
      const data = readFileSync(file);
      data[data.length - 1] = 1; // the last byte, long after the gzip stream ended
      writeFileSync(file, data);
    });

    it.each([false, true])(
      "a wrong byte after the gzip stream is refused (workers: %s; real registry, storage tampered; fault-injecting proxy pauses among the zeros)",
      async (workers) => {
        // zlib ends its output at the first zeros after the gzip stream; the last bytes come
        // later, as over a slow network.
        proxy.faults.push({
          match: new RegExp(padded.digest),
          kind: "pause",
          afterBytes: padded.size - MB + 64 * 1024,
          ms: 1500,
        });
        const image = await openRegistryImage(`docker://${proxy.host}/integrity/app:padded`, {
          cacheDir: false,
          http: QUICK,
        });
        try {
          await expect(analyzeImage(image, { workers })).rejects.toThrow(
            new RegExp(`layer 0 ${padded.digest.slice(0, 19)} does not match its digest`),
          );
        } finally {
          await image.close();
        }
      },
    );

    it.each([false, true])(
      "a cached copy with a wrong byte after the gzip stream is dropped and fetched again (workers: %s; real registry)",
      async (workers) => {
        // Another layer than the tampered one above: the registry stores a blob once per digest.
        const own = await layerTar([{ name: "data.bin", content: randomBytes(2 * MB) }]);
        const good = Buffer.concat([gzipSync(own), Buffer.alloc(MB)]);
        const pushed = await pushImage(registry.host, work, `integrity/app:cached`, own, good);
        const cacheDir = mkdtempSync(join(work, "cache-"));
        const expected = await analyze(proxy.host, "cached", { cacheDir });
        const entry = join(cacheDir, "blobs/sha256", pushed.digest.slice(7));
        const data = readFileSync(entry);
        data[data.length - 1] = 1;
        writeFileSync(entry, data);
        proxy.log.splice(0);
        const image = await openRegistryImage(`docker://${proxy.host}/integrity/app:cached`, {
          cacheDir,
          http: QUICK,
        });
        try {
          const r = await analyzeImage(image, { workers });
          expect({ ...r, image: { ...r.image, reference: "" } }).toEqual(expected);
        } finally {
          await image.close();
        }
        expect(proxy.log.filter((e) => e.path.endsWith(pushed.digest))).toHaveLength(1);
      },
    );

    it("a blob longer than its descriptor is refused before it is read (real registry, storage tampered)", async () => {
      const longer = await pushImage(
        registry.host,
        work,
        "integrity/app:longer",
        await layerTar(entries({ "etc/": null, "etc/hostname": "longer\n" })),
      );
      appendFileSync(blobFile(storage, longer.digest), Buffer.alloc(MB));
      await expect(analyze(registry.host, "longer")).rejects.toThrow(
        `layer 0 ${longer.digest.slice(0, 19)}: the registry declares ${longer.size + MB} bytes, the manifest ${longer.size} in all`,
      );
    });
  },
);

describe("a registry's error body in a message", { timeout: 30_000 }, () => {
  it("is quoted cut short, without control characters and without the credentials (fault-injecting proxy)", async () => {
    const password = "s3cr3t-Pa55";
    const basic = Buffer.from(`ci:${password}`).toString("base64");
    const message = `\u001b]0;owned\u0007\u001b[2Jbad gateway\r\nballast: forged line; you sent ${password} as ${basic} ${"x".repeat(5000)}`;
    proxy.faults.push({
      match: /\/manifests\//,
      kind: "status",
      status: 500,
      body: JSON.stringify({ errors: [{ code: "UNAVAILABLE", message }] }),
      times: 100,
    });
    const io = captureIO({ env: { HOME: work } });
    const code = await main(
      [
        "analyze",
        `docker://${proxy.host}/integrity/app:app`,
        "--creds",
        `ci:${password}`,
        "--retries",
        "0",
        "-q",
      ],
      io,
    );
    expect(code).toBe(2);
    expect(io.err).toMatch(
      /^ballast: fetching manifest app of 127\.0\.0\.1:\d+\/integrity\/app: HTTP 500 UNAVAILABLE: \]0;owned \[2Jbad gateway ballast: forged line; you sent \*\*\* as \*\*\* x+…\n$/,
    );
    expect(io.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(io.err.length).toBeLessThan(400);
  });

  it("from a token service is quoted the same way (fault-injecting proxy)", async () => {
    const realm = await startFaultProxy(registry.host);
    try {
      realm.faults.push({
        match: /^\/token/,
        kind: "status",
        status: 401,
        body: JSON.stringify({
          errors: [{ code: "DENIED", message: "\u001b[31mno\u001b[0m way" }],
        }),
      });
      proxy.faults.push({
        match: /^\/v2\/$/,
        kind: "status",
        status: 401,
        body: "{}",
        headers: { "www-authenticate": `Bearer realm="http://${realm.host}/token",service="x"` },
      });
      await expect(analyze(proxy.host, "app")).rejects.toThrow(
        /^the token service http:\/\/127\.0\.0\.1:\d+\/token refused anonymous access for repository:integrity\/app:pull \(HTTP 401\): \[31mno \[0m way$/,
      );
    } finally {
      await realm.stop();
    }
  });
});
