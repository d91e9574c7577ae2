// `npm run fuzz [target] [runs]`: property-based fuzzing (fast-check) of the parsers and the fix
// loop, 100,000 inputs per target by default, then a soak. Not part of `npm test`; a crash it
// finds goes into test/fuzz-corpus/ (see its README) so the default tests replay it.
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import {
  configTarget,
  configText,
  dockerfileText,
  fixTarget,
  layoutTarget,
  layoutText,
  lintTarget,
  tarBytes,
  tarTarget,
} from "./targets.js";
import { soak } from "./soak.js";

const [only, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const targets: Record<string, () => Promise<void>> = {
  tar: async () => fc.assert(fc.property(tarBytes, tarTarget), { numRuns: runs, seed }),
  config: async () => fc.assert(fc.property(configText, configTarget), { numRuns: runs, seed }),
  dockerfile: async () =>
    fc.assert(fc.asyncProperty(dockerfileText, lintTarget), { numRuns: runs, seed }),
  layout: async () =>
    fc.assert(fc.asyncProperty(layoutText, layoutTarget), { numRuns: runs, seed }),
  fix: async () => fc.assert(fc.asyncProperty(dockerfileText, fixTarget), { numRuns: runs, seed }),
};

let failed = false;
for (const [name, run] of Object.entries(targets)) {
  if (only && only !== name && only !== "soak") continue;
  if (only === "soak") break;
  const t0 = performance.now();
  try {
    await run();
    console.log(
      `fuzz ${name}: ok, ${runs} inputs, seed ${seed}, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } catch (err) {
    failed = true;
    console.log(
      `fuzz ${name}: FAILED (seed ${seed})\n${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
if (!only || only === "soak")
  await soak(fileURLToPath(new URL("../examples/bloated-app.tar", import.meta.url)), 1000);
process.exitCode = failed ? 1 : 0;
