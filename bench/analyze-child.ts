// Runs one analysis in a fresh process so that its peak RSS is its own.
import { openImage } from "../src/sources/index.js";
import { analyzeImage } from "../src/analysis/analyze.js";

const t0 = performance.now();
const report = await analyzeImage(await openImage(process.argv[2]));
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, files: report.size.files, uncompressed: report.size.uncompressed, reclaimable: report.waste.reclaimable }));
