// `npm run bench explore`: the explorer on the 1 GB / 200k-file image against the analysis of
// the same run (first screen ≤ analysis + 1 s), p99 key latency (< 50 ms), memory (≤ +100 MB).
import { execFileSync, spawnSync } from "node:child_process";
import { syntheticImage } from "./synthetic-image.js";

const ROOT = process.env.BALLAST_BENCH_DIR ?? ".bench";

async function benchExplore(): Promise<void> {
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  const img = await syntheticImage(ROOT, "zstd");
  const r = spawnSync(process.execPath, ["bench/explore-child.mjs", `oci:${img.dir}:${img.tag}`], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`explore bench failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout);
  const extra = m.firstScreenSeconds - m.analysisSeconds;
  const memory = m.peakMB - m.analysisPeakMB;
  console.log(`\nexplore (zstd): ${m.files} files, ${m.nodes} tree nodes`);
  console.log(`  floor  analysis            ${m.analysisSeconds.toFixed(2)} s`);
  console.log(
    `  first screen                ${m.firstScreenSeconds.toFixed(2)} s (analysis + ${extra.toFixed(2)} s; target + 1 s: ${extra <= 1 ? "met" : "MISSED"})`,
  );
  console.log(
    `  key latency over ${m.keys} keys   p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, max ${m.max.toFixed(1)} ms (target p99 < 50 ms: ${m.p99 < 50 ? "met" : "MISSED"})`,
  );
  console.log(
    `  floor  model + plain write p99 ${m.floorP99.toFixed(1)} ms (the same screens without ink: ink costs ${(m.p99 / m.floorP99).toFixed(1)}× the floor)`,
  );
  console.log(
    `  load average during the run: ${m.loadAverage.toFixed(1)} on ${(await import("node:os")).availableParallelism()} cores`,
  );
  console.log(
    `  peak RSS                    ${m.peakMB.toFixed(0)} MB vs analysis peak ${m.analysisPeakMB.toFixed(0)} MB (+${memory.toFixed(0)} MB; target ≤ +100 MB: ${memory <= 100 ? "met" : "MISSED"})`,
  );
}

await benchExplore();
