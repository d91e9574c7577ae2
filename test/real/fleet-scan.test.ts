import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import type { FleetReport } from "../../src/model/fleet.js";
import {
  skopeoCopy,
  skopeoRawManifest,
  startRegistry,
  type RegistryServer,
} from "../helpers/registry-server.js";
import { startRedis, type RedisServer } from "../helpers/redis-server.js";
import { FIXTURES_DIR } from "./fixtures.js";

const TSX_LOADER = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
const ENTRY = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/** What the test registry holds: shared bases, one manifest under several tags and repos, zstd, an index. */
const PUSHES: [string, string, string[]?][] = [
  [`oci:${FIXTURES_DIR}/oci-layout:slim`, "team-a/api:1.0"],
  [`oci:${FIXTURES_DIR}/oci-layout:slim`, "team-a/api:1.1"],
  [`oci:${FIXTURES_DIR}/oci-layout:slim`, "team-b/web:latest"],
  [`oci:${FIXTURES_DIR}/oci-layout:multistage`, "team-a/worker:2.0"],
  [`oci:${FIXTURES_DIR}/oci-layout:scratch`, "tools/static:v1"],
  [`oci:${FIXTURES_DIR}/slim-zstd:slim`, "team-c/api-zstd:1"],
  [`oci:${FIXTURES_DIR}/index-ocidir:index`, "multi/app:latest", ["--all"]],
];

interface Manifest {
  mediaType?: string;
  layers?: { digest: string; size: number }[];
  manifests?: { digest: string; platform?: { os: string } }[];
}

let registry: RegistryServer;
let redis: RedisServer;
let work: string;
/** Counted from skopeo's raw manifests, independently of ballast: image manifests and their layers. */
let expected: { images: number; distinct: Map<string, number>; referenced: number };

function imageManifests(ref: string): Manifest[] {
  const m = JSON.parse(skopeoRawManifest(ref)) as Manifest;
  if (!m.manifests) return [m];
  const repo = ref.replace(/[:@][^/]*$/, "");
  return m.manifests.map((c) => JSON.parse(skopeoRawManifest(`${repo}@${c.digest}`)) as Manifest);
}

async function scan(
  ...args: string[]
): Promise<{ code: number; report: FleetReport; err: string }> {
  const io = captureIO({ env: { ...process.env, XDG_CACHE_HOME: path.join(work, "cache") } });
  const code = await main(["scan", registry.host, "-f", "json", "--top", "0", "-q", ...args], io);
  return {
    code,
    report: code === 0 ? (JSON.parse(io.out) as FleetReport) : (undefined as never),
    err: io.err,
  };
}

/** Worker processes run the TypeScript sources, as `ballast worker` would run the build. */
async function startWorker(
  args: string[] = [],
): Promise<{ child: ChildProcess; log: () => string }> {
  const script = path.join(work, "worker.mts");
  await writeFile(
    script,
    `import { main } from ${JSON.stringify(ENTRY)};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  const child = spawn(
    process.execPath,
    ["--import", TSX_LOADER, script, "worker", "--queue", redis.url, ...args],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  for (let waited = 0; !log.includes("waiting for jobs"); waited += 100) {
    if (waited > 60_000 || child.exitCode !== null)
      throw new Error(`worker did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, log: () => log };
}

const stop = async (child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") => {
  if (child.exitCode !== null) return;
  child.kill(signal);
  await new Promise((r) => child.once("exit", r));
};

/** The report minus what says who read what (workers split the reads differently). */
const comparable = (r: FleetReport) => ({ ...r, read: undefined, registry: undefined });

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "ballast-fleet-"));
  registry = await startRegistry();
  redis = await startRedis();
  for (const [src, dest, extra] of PUSHES)
    await skopeoCopy(src, `docker://${registry.host}/${dest}`, extra ?? []);
  const distinct = new Map<string, number>();
  let images = 0;
  let referenced = 0;
  const seen = new Set<string>();
  for (const [, dest] of PUSHES) {
    const repo = dest.split(":")[0]!;
    for (const m of imageManifests(`docker://${registry.host}/${dest}`)) {
      const key = `${repo} ${JSON.stringify(m.layers)}`;
      if (seen.has(key)) continue; // a second tag of the same manifest
      seen.add(key);
      images++;
      for (const l of m.layers ?? []) {
        distinct.set(l.digest, l.size);
        referenced += l.size;
      }
    }
  }
  expected = { images, distinct, referenced };
}, 600_000);

afterAll(async () => {
  await registry?.stop();
  await redis?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("ballast scan on a real Distribution registry", () => {
  let single: FleetReport;

  it("lists every repository and tag, and reads each distinct layer once", async () => {
    const { code, report, err } = await scan("--store", path.join(work, "store-1"));
    expect(err).toBe("");
    expect(code).toBe(0);
    single = report;
    expect(report.scanned).toEqual({
      repositories: 6,
      tags: 7,
      images: expected.images,
      failed: 0,
    });
    expect(report.errors).toEqual([]);
    expect(report.storage.distinctLayers).toBe(expected.distinct.size);
    expect(report.storage.uniqueBytes).toBe(
      [...expected.distinct.values()].reduce((a, b) => a + b, 0),
    );
    expect(report.storage.referencedBytes).toBe(expected.referenced);
    expect(report.read.layersRead).toBe(expected.distinct.size);
    expect(report.read.layerBytesRead).toBe(report.storage.uniqueBytes);
    // Two tags of one manifest are one image.
    expect(report.images.find((i) => i.repository === "team-a/api")?.tags).toEqual(["1.0", "1.1"]);
    // Both platforms of the index are scanned.
    expect(
      report.images
        .filter((i) => i.repository === "multi/app")
        .map((i) => i.platform)
        .sort(),
    ).toEqual(["linux/amd64", "linux/arm64/v8"]);
    const { Ajv } = await import("ajv");
    const schema = JSON.parse(
      readFileSync(new URL("../../schema/fleet.schema.json", import.meta.url), "utf8"),
    );
    const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...report, storage: { ...report.storage, uniqueBytes: -1 } })).toBe(false);
    // slim pushed as gzip and as zstd: same diff IDs under other digests.
    expect(report.nearDuplicates.filter((d) => d.kind === "same-content").length).toBeGreaterThan(
      0,
    );
  });

  it("follows the registry's Link pages for the catalog and tag lists", async () => {
    const { listFleet } = await import("../../src/fleet/scan.js");
    const { DirStore } = await import("../../src/fleet/store.js");
    const opts = {
      registry: registry.host,
      open: { env: process.env },
      store: new DirStore(path.join(work, "unused")),
      analyze: async () => {
        throw new Error("not called");
      },
      capture: () => ({ patterns: [], paths: [] }),
    };
    // Two entries a page: the 6 repositories take 3 catalog pages, team-a's 3 tags 2 pages.
    const paged = await listFleet({ ...opts, filter: { pageSize: 2 } });
    const whole = await listFleet(opts);
    expect(paged.errors).toEqual([]);
    expect(paged.images).toEqual(whole.images);
    expect(new Set(paged.images.map((i) => i.repository)).size).toBe(6);
  });

  it("--since leaves out images created before it (read from their configs)", async () => {
    const created = single.images.map((i) => Date.parse(i.created ?? "")).filter((t) => t > 0);
    const newest = Math.max(...created);
    const { report } = await scan(
      "--store",
      path.join(work, "store-1"),
      "--since",
      new Date(newest).toISOString(),
    );
    expect(report.scanned.images).toBe(
      single.images.filter((i) => Date.parse(i.created ?? "") >= newest).length,
    );
    expect(report.scanned.images).toBeLessThan(single.scanned.images);
    const none = await scan("--store", path.join(work, "store-1"), "--since", "2999-01-01");
    expect(none.report.scanned.images).toBe(0);
  });

  it("the HTML fleet report renders offline in Chromium, one row per image", async () => {
    const { launch, openReport, screenshot } = await import("./browser.js");
    const io = captureIO({ env: { ...process.env, XDG_CACHE_HOME: path.join(work, "cache") } });
    const file = path.join(work, "fleet.html");
    const code = await main(
      [
        "scan",
        registry.host,
        "--store",
        path.join(work, "store-1"),
        "-f",
        "html",
        "-o",
        file,
        "--top",
        "0",
        "-q",
      ],
      io,
    );
    expect(code).toBe(0);
    const browser = await launch();
    try {
      const { page, problems, requests } = await openReport(browser, file);
      await screenshot(page, "fleet-report.png");
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      const rows = await page.locator("h2:text('Heaviest images') + div tbody tr").count();
      expect(rows).toBe(single.scanned.images);
      // On a phone the tables scroll inside their boxes; the page itself stays 390 px wide.
      await page.setViewportSize({ width: 390, height: 800 });
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    } finally {
      await browser.close();
    }
  });

  it("a second scan of the unchanged registry reads no layer byte", async () => {
    const { report } = await scan("--store", path.join(work, "store-1"));
    expect(report.read.layerBytesRead).toBe(0);
    expect(report.read.layersRead).toBe(0);
    expect(comparable(report)).toEqual(comparable(single));
  });

  it("a new tag with one new layer reads only that layer", async () => {
    await skopeoCopy(
      `oci:${FIXTURES_DIR}/oci-layout:bloated`,
      `docker://${registry.host}/team-d/big:1`,
    );
    const fresh = imageManifests(`docker://${registry.host}/team-d/big:1`)[0]!.layers!;
    const added = fresh.filter((l) => !expected.distinct.has(l.digest));
    const { report } = await scan("--store", path.join(work, "store-1"), "--repo", "team-d/*");
    expect(report.scanned.images).toBe(1);
    expect(report.read.layersRead).toBe(added.length);
    expect(report.read.layerBytesRead).toBe(added.reduce((s, l) => s + l.size, 0));
  });

  it("three BullMQ workers give the same report as one process", async () => {
    const workers = await Promise.all([startWorker(), startWorker(), startWorker()]);
    try {
      const { code, report } = await scan(
        "--queue",
        redis.url,
        "--repo",
        "team-[abc]/*",
        "multi/*",
        "tools/*",
      );
      expect(code).toBe(0);
      expect(comparable(report)).toEqual(comparable(single));
      expect(report.read.layersRead).toBe(expected.distinct.size);
      // Every worker took part.
      for (const w of workers) expect(w.log()).toMatch(/(layer|image) job/);
    } finally {
      await Promise.all(workers.map((w) => stop(w.child)));
    }
  });

  it("a worker killed mid-scan loses nothing: another takes its job over", async () => {
    await (
      await import("ioredis")
    ).Redis.prototype.constructor; // keeps the import type-checked
    const { Redis } = await import("ioredis");
    const client = new Redis(redis.url);
    await client.flushall();
    await client.quit();
    const first = await startWorker(["--lock-seconds", "2"]);
    const pending = scan("--queue", redis.url, "--repo", "team-[abc]/*", "multi/*", "tools/*");
    for (let waited = 0; !/layer job/.test(first.log()); waited += 50) {
      if (waited > 120_000) throw new Error("no job started");
      await new Promise((r) => setTimeout(r, 50));
    }
    await stop(first.child, "SIGKILL");
    const second = await startWorker(["--lock-seconds", "2"]);
    try {
      const { code, report } = await pending;
      expect(code).toBe(0);
      expect(comparable(report)).toEqual(comparable(single));
    } finally {
      await stop(second.child);
    }
  });
});
