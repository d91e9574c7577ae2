import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { openRegistryImage } from "../../src/sources/registry/image.js";
import { layerTar } from "../helpers/build-image.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import { startRegistry, type RegistryServer } from "../helpers/registry-server.js";
import { pushImage, type PushedLayer } from "./registry-images.js";

// Issue 13 §4: a download interrupted mid-layer leaves no partial file in the cache's tmp/.
// The proxy holds the layer after its first megabyte, so that the interrupt lands mid-download.
let registry: RegistryServer;
let proxy: FaultProxy;
let work: string;
let layer: PushedLayer;
let script: string;
const MB = 1 << 20;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "ballast-interrupt-"));
  registry = await startRegistry();
  const tar = await layerTar([{ name: "data.bin", content: randomBytes(3 * MB) }]);
  layer = await pushImage(registry.host, work, "interrupt/app:app", tar);
  // The CLI from source in a child process; tsx resolved here, by absolute path.
  const entry = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
  script = join(work, "ballast.mts");
  writeFileSync(
    script,
    `import { main } from ${JSON.stringify(entry)};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
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

const temps = (cache: string) => {
  try {
    return readdirSync(join(cache, "tmp"));
  } catch {
    return [];
  }
};

/** Starts `ballast analyze` with a cache and resolves once its temp file holds ≥ 512 KiB. */
async function downloading(cache: string) {
  proxy.faults.push({
    match: new RegExp(`/blobs/${layer.digest}`),
    kind: "pause",
    afterBytes: MB,
    ms: 120_000,
  });
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const ref = `docker://${proxy.host}/interrupt/app:app`;
  const child = spawn(
    process.execPath,
    ["--import", tsx, script, "analyze", ref, "--cache-dir", cache, "-q", "--format", "json"],
    // From the repository: the layer workers resolve tsx from the working directory.
    { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] },
  );
  let err = "";
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  for (let waited = 0; ; waited += 100) {
    const partial = temps(cache).some((f) => statSync(join(cache, "tmp", f)).size >= MB / 2);
    if (partial) break;
    if (waited > 60_000) throw new Error(`the download never started: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, exited, stderr: () => err };
}

describe(
  "an interrupted download leaves no partial file in the cache",
  { timeout: 120_000 },
  () => {
    it.each(["SIGINT", "SIGTERM"] as const)(
      "%s mid-layer: the temp file is removed and the process ends by the signal",
      async (signal) => {
        const cache = mkdtempSync(join(work, "cache-"));
        const run = await downloading(cache);
        run.child.kill(signal);
        expect(await run.exited).toEqual({ code: null, signal });
        expect(temps(cache)).toEqual([]);
        expect(readdirSync(join(cache, "blobs/sha256"))).toEqual([]);
      },
    );

    it("SIGKILL leaves the temp file, and the next run removes it", async () => {
      const cache = mkdtempSync(join(work, "cache-"));
      const run = await downloading(cache);
      run.child.kill("SIGKILL");
      await run.exited;
      const left = temps(cache);
      expect(left).toHaveLength(1);
      const image = await openRegistryImage(`docker://${registry.host}/interrupt/app:app`, {
        cacheDir: cache,
      });
      try {
        await analyzeImage(image, { workers: false });
      } finally {
        await image.close();
      }
      expect(temps(cache)).toEqual([]);
      expect(statSync(join(cache, "blobs/sha256", layer.digest.slice(7))).size).toBe(layer.size);
    });
  },
);
