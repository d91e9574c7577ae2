// Runs one analysis in a fresh process so that its peak RSS is its own. Plain JavaScript
// loading the built package (dist/), as users run it: no TypeScript loader in the process.
const { openImage, analyzeImage, prewarmLayerWorkers } = await import(
  new URL("../dist/index.js", import.meta.url).href
);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
// As the CLI does for registry and engine references: workers start during the manifest fetch.
if (/^docker:/.test(process.argv[2])) prewarmLayerWorkers();
// BALLAST_BENCH_CACHE: a registry layer cache directory (bench/registry.ts times it cold and warm).
const cacheDir = process.env.BALLAST_BENCH_CACHE;
const report = await analyzeImage(await openImage(process.argv[2], cacheDir ? { cacheDir } : {}));
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    files: report.size.files,
    uncompressed: report.size.uncompressed,
    reclaimable: report.waste.reclaimable,
  }),
);
