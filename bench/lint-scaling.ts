// Lint time per instruction on long Dockerfiles (issue 13 §4): at 100k instructions against the
// floor of the same shape at 10k, measured in this run. Linear work gives a ratio near 1; the
// rescans this replaced gave 4x per doubling. Also the 100k-instruction target (< 5 s).
import { cpus, loadavg } from "node:os";
import { lintText } from "../src/lint/lint.js";

const SHAPES: Record<string, (n: number) => string> = {
  RUNs: (n) =>
    "FROM debian:bookworm\n" +
    Array.from(
      { length: n },
      (_, i) => `RUN pip install foo${i} && apt-get update && apt-get install -y x${i}\n`,
    ).join(""),
  "ENV/WORKDIR/COPY/RUN/chown": (n) =>
    "FROM debian:bookworm\nWORKDIR /app\n" +
    Array.from(
      { length: n },
      (_, i) =>
        [
          `ENV X${i}=${i}`,
          `WORKDIR /app/d${i % 7}`,
          `COPY a${i} b/`,
          `RUN apt-get update && apt-get install -y x${i} && rm -rf /tmp/x${i}`,
          `RUN chown -R app /app/d${i % 7}/b`,
        ][i % 5] + "\n",
    ).join(""),
};

/** CPU seconds of one lint (the machine is shared: CPU time is steadier than wall time). */
async function cpuSeconds(text: string): Promise<{ cpu: number; wall: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await lintText(text);
  const used = process.cpuUsage(c0);
  return { cpu: (used.user + used.system) / 1e6, wall: (performance.now() - t0) / 1000 };
}

console.log(
  `lint scaling: per-instruction time at 100k vs 10k instructions; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`,
);
await lintText(SHAPES.RUNs(200)); // wasm and JIT warm-up
for (const [name, make] of Object.entries(SHAPES)) {
  const floor = await cpuSeconds(make(10_000));
  const big = await cpuSeconds(make(100_000));
  const ratio = big.cpu / 100_000 / (floor.cpu / 10_000);
  console.log(
    `  ${name.padEnd(28)} 10k: ${floor.cpu.toFixed(2)} s CPU   100k: ${big.cpu.toFixed(2)} s CPU (${big.wall.toFixed(2)} s wall)`,
  );
  console.log(
    `  ${"".padEnd(28)} per instruction 100k/10k = ${ratio.toFixed(2)}   target ≤ 1.5 (linear)   ${ratio <= 1.5 ? "ok" : "MISSED"};   100k in ${big.cpu.toFixed(1)} s CPU, target < 5 s   ${big.cpu < 5 ? "ok" : "MISSED"}`,
  );
}
