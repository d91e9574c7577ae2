import { execFileSync, spawnSync } from "node:child_process";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import { createGunzip } from "node:zlib";
import * as zlib from "node:zlib";
import type { Transform } from "node:stream";
import { syntheticImage } from "./synthetic-image.js";

const ROOT = process.env.BALLAST_BENCH_DIR ?? ".bench";
const sink = () => new Writable({ write: (_c, _e, done) => done() });
const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

/** Seconds for `fn`, best of `runs` (the machine is shared and noisy). */
async function best(runs: number, fn: () => Promise<void> | void): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, (performance.now() - t0) / 1000);
  }
  return min;
}

async function floors(
  blobs: string[],
  compression: "gzip" | "zstd",
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  // Node's own zstd (22.15+); on older Node the zstd CLI is the only floor.
  const zstd = (zlib as { createZstdDecompress?: () => Transform }).createZstdDecompress;
  const node = compression === "gzip" ? () => createGunzip() : zstd;
  if (node) {
    const cpu0 = process.cpuUsage();
    out[`node ${compression} stream`] = await best(2, async () => {
      for (const b of blobs) await pipeline(createReadStream(b), node(), sink());
    });
    const cpu = process.cpuUsage(cpu0);
    // CPU seconds of one pass (two were run): steadier than wall time on a shared machine.
    out.cpuSeconds = (cpu.user + cpu.system) / 1e6 / 2;
  }
  const tools = compression === "gzip" ? ["zcat", "pigz -dc"] : ["zstd -dc"];
  for (const tool of tools) {
    if (!has(tool.split(" ")[0])) continue;
    out[tool] = await best(
      2,
      () =>
        void execFileSync("sh", [
          "-c",
          `for f in ${blobs.join(" ")}; do ${tool} "$f" > /dev/null; done`,
        ]),
    );
  }
  return out;
}

function analyzeOnce(ref: string): {
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
  files: number;
  uncompressed: number;
  reclaimable: number;
} {
  const r = spawnSync(process.execPath, ["bench/analyze-child.mjs", ref], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`analysis failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Prints ballast's analysis time and peak RSS against the decompression floor of the same blobs. */
export async function benchAnalyze(): Promise<void> {
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  // `npm run bench analyze zstd` measures one compression only.
  const only = process.argv[3];
  for (const compression of ["gzip", "zstd"] as const) {
    if (only && only !== compression) continue;
    const img = await syntheticImage(ROOT, compression);
    const floor = await floors(img.blobs, compression);
    const runs = [
      analyzeOnce(`oci:${img.dir}:${img.tag}`),
      analyzeOnce(`oci:${img.dir}:${img.tag}`),
    ];
    const ours = runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
    const floorCpu = floor.cpuSeconds;
    delete floor.cpuSeconds;
    const [fastestName, fastest] = Object.entries(floor).sort((a, b) => a[1] - b[1])[0];
    console.log(
      `\nanalyze (${compression}${compression === "zstd" ? `, decoded by ${"createZstdDecompress" in zlib ? "Node's libzstd" : "fzstd"}` : ""}): ${(ours.uncompressed / 1e9).toFixed(2)} GB uncompressed, ${ours.files} files, ${img.blobs.length} layers`,
    );
    for (const [name, s] of Object.entries(floor))
      console.log(`  floor  ${name.padEnd(18)} ${s.toFixed(2)} s`);
    console.log(
      `  ballast analyze             ${ours.seconds.toFixed(2)} s, peak RSS ${ours.maxRssMB.toFixed(0)} MB`,
    );
    if (floorCpu === undefined)
      console.log(
        `  CPU time: ballast ${ours.cpuSeconds.toFixed(2)} s (no Node ${compression} floor here)`,
      );
    else
      console.log(
        `  CPU time: ballast ${ours.cpuSeconds.toFixed(2)} s vs node ${compression} stream ${floorCpu.toFixed(2)} s (${(ours.cpuSeconds / floorCpu).toFixed(2)}×)`,
      );
    console.log(
      `  ratio to fastest floor (${fastestName}): ${(ours.seconds / fastest).toFixed(2)}× (target ≤ 1.5×); peak RSS target ≤ 300 MB: ${ours.maxRssMB <= 300 ? "met" : "MISSED"}`,
    );
  }
}
