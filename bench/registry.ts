// `npm run bench registry`: analyze the biggest fixture from a local registry, against
// `skopeo copy docker://… dir:` of the same image (a real client's pull) in the same run.
// Target (issue 6): ballast's registry analysis takes no longer than skopeo's copy.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRegistry } from "../test/helpers/registry-server.js";

const FIXTURES = `${process.env.BALLAST_LAB ?? "/tmp/ballast-fixtures"}/fixtures`;
const IMAGE = "fixtures/deleted:oci"; // the biggest fixture: 5 layers, ~280 MB of gzip
const RUNS = 5;

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

/** One analysis in a fresh process on the built package; with a layer cache dir when given. */
function ballast(ref: string, cacheDir?: string): number {
  const r = spawnSync(process.execPath, ["bench/analyze-child.mjs", ref], {
    encoding: "utf8",
    env: { ...process.env, BALLAST_BENCH_CACHE: cacheDir ?? "" },
  });
  if (r.status !== 0) throw new Error(`ballast failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { seconds: number }).seconds;
}

/** The whole `ballast analyze` command as users run it: Node's start, imports, output. */
function cli(ref: string): void {
  execFileSync(process.execPath, ["bin/ballast.js", "analyze", ref, "--format", "json", "-q"], {
    stdio: "ignore",
    maxBuffer: 1 << 26,
  });
}

function skopeo(ref: string, dest: string): void {
  rmSync(dest, { recursive: true, force: true });
  execFileSync("skopeo", ["copy", "-q", "--src-tls-verify=false", ref, `dir:${dest}`], {
    stdio: "ignore",
  });
}

if (!existsSync(`${FIXTURES}/registry-data`)) {
  console.log(`\nregistry: skipped (no ${FIXTURES}/registry-data; run test/real/make-fixtures.sh)`);
} else {
  // Build so dist/ has the current registry client (the child runs the built package).
  spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  const registry = await startRegistry({ rootDir: `${FIXTURES}/registry-data`, readOnly: true });
  const work = mkdtempSync(join(tmpdir(), "ballast-bench-registry-"));
  const ref = `docker://${registry.host}/${IMAGE}`;
  try {
    skopeo(ref, join(work, "warmup")); // page cache warm for both clients alike
    const ours: number[] = [];
    const theirs: number[] = [];
    const local: number[] = [];
    const command: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate; ballast as users run it by default (no layer cache: a full download).
      theirs.push(time(() => skopeo(ref, join(work, "skopeo"))));
      ours.push(ballast(ref));
      // The same image from its oci-archive: the analysis alone, no network (ballast's floor here).
      local.push(ballast(`oci-archive:${FIXTURES}/deleted.oci.tar`));
      command.push(time(() => cli(ref)));
    }
    const cold = ballast(ref, join(work, "cache")); // --cache, empty: download + write
    const warm = ballast(ref, join(work, "cache")); // --cache, filled: no download
    const [b, s] = [Math.min(...ours), Math.min(...theirs)];
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
    console.log(
      `\nregistry: ${IMAGE} from a local Distribution registry (best of ${RUNS}, alternating)`,
    );
    console.log(
      `  skopeo copy docker://… dir:      ${s.toFixed(2)} s   (runs: ${theirs.map((t) => t.toFixed(2)).join(", ")})`,
    );
    console.log(
      `  ballast analyze docker://…       ${b.toFixed(2)} s   (runs: ${ours.map((t) => t.toFixed(2)).join(", ")}; the analysis, timed in a fresh process after its imports)`,
    );
    console.log(
      `  the same as a command            ${Math.min(...command).toFixed(2)} s   (runs: ${command.map((t) => t.toFixed(2)).join(", ")}; \`ballast analyze\` whole: Node's start, imports, history lint, JSON)`,
    );
    console.log(
      `  ballast analyze --cache          ${cold.toFixed(2)} s empty cache, ${warm.toFixed(2)} s filled`,
    );
    console.log(
      `  ballast analyze oci-archive:     ${Math.min(...local).toFixed(2)} s   (same image from a local file: the analysis alone)`,
    );
    console.log(
      `  ratio ballast / skopeo: ${(b / s).toFixed(2)}× (target ≤ 1.0×: ${b <= s ? "met" : "MISSED"}); ratio of medians ${(median(ours) / median(theirs)).toFixed(2)}×; the command ${(Math.min(...command) / s).toFixed(2)}×`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
    await registry.stop();
  }
}
