// `npm run bench slim`: slimming the 1 GB bench image (squash all + every strip set) against
// `ballast analyze` of the same image plus pigz / zstd of the new layer's tar, in the same run.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { syntheticImage } from "./synthetic-image.js";

const ROOT = process.env.BALLAST_BENCH_DIR ?? ".bench";

interface Run {
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
}

function ballast(args: string[]): Run {
  const r = spawnSync(process.execPath, ["bench/cli-child.mjs", ...args, "-q"], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`ballast ${args.join(" ")} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

const fastest = (runs: Run[]): Run => runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));

/** Wall and CPU seconds of a shell command (CPU from the shell's `times` for its children). */
function timed(command: string): { seconds: number; cpuSeconds: number } {
  const t0 = performance.now();
  const out = execFileSync("bash", ["-c", `${command}; times`], { encoding: "utf8" });
  const seconds = (performance.now() - t0) / 1000;
  // `times` prints the shell's own user/sys, then its children's: "0m1.234s 0m0.100s".
  const children = out.trim().split("\n").at(-1)!.split(/\s+/);
  const toSeconds = (t: string) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t);
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  };
  return { seconds, cpuSeconds: toSeconds(children[0]) + toSeconds(children[1]) };
}

const best = (
  a: { seconds: number; cpuSeconds: number },
  b: { seconds: number; cpuSeconds: number },
) => (a.seconds <= b.seconds ? a : b);

/** The new layer's uncompressed tar, read back from the oci-archive slim wrote. */
function newLayerTar(archive: string, dir: string): string {
  execFileSync("tar", ["-xf", archive, "-C", dir]);
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
  const blob = (d: string) => join(dir, "blobs/sha256", d.slice(7));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), "utf8"));
  const tar = join(dir, "layer.tar");
  execFileSync("sh", ["-c", `gzip -dc "${blob(manifest.layers.at(-1).digest)}" > "${tar}"`]);
  return tar;
}

export async function benchSlim(): Promise<void> {
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  const img = await syntheticImage(ROOT, "gzip");
  const ref = `oci:${img.dir}:${img.tag}`;
  const work = mkdtempSync(join(ROOT, "slim-"));
  try {
    const out = join(work, "slim.oci.tar");
    const slimArgs = ["slim", ref, "-o", `oci-archive:${out}`, "--squash", "all", "--strip", "all"];
    const analyze = fastest([
      ballast(["analyze", ref, "-f", "json"]),
      ballast(["analyze", ref, "-f", "json"]),
    ]);
    const slim = fastest([ballast(slimArgs), ballast(slimArgs)]);
    const tar = newLayerTar(out, work);
    const pigz = best(
      timed(`pigz -6 -c ${tar} > /dev/null`),
      timed(`pigz -6 -c ${tar} > /dev/null`),
    );
    const zstd = timed(`zstd -3 -q -c ${tar} > /dev/null`);
    const budget = 2 * analyze.seconds + pigz.seconds;
    const cpuBudget = 2 * analyze.cpuSeconds + pigz.cpuSeconds;
    const gb = (statSync(tar).size / 1e9).toFixed(2);
    const line = (name: string, r: { seconds: number; cpuSeconds: number }, extra = "") =>
      console.log(
        `  ${name.padEnd(30)} ${r.seconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU${extra}`,
      );
    console.log(`\nslim (gzip bench image, --squash all --strip all), new layer tar ${gb} GB`);
    line("floor  ballast analyze", analyze, `, peak RSS ${analyze.maxRssMB.toFixed(0)} MB`);
    line("floor  pigz -6 of the new layer", pigz);
    line("       zstd -3 of the new layer", zstd);
    line("ballast slim", slim, `, peak RSS ${slim.maxRssMB.toFixed(0)} MB`);
    console.log(
      `  ratio to 2 × analyze + pigz: ${(slim.seconds / budget).toFixed(2)}× wall, ${(slim.cpuSeconds / cpuBudget).toFixed(2)}× CPU (target ≤ 1×); peak RSS target ≤ 400 MB: ${slim.maxRssMB <= 400 ? "met" : "MISSED"}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
