// `npm run bench slim`: slimming the 1 GB bench image (squash all + every strip set) against
// `ballast analyze` of the same image plus pigz / zstd of the new layer's tar, in the same run.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
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

function seconds(command: string): number {
  const t0 = performance.now();
  execFileSync("sh", ["-c", command]);
  return (performance.now() - t0) / 1000;
}

/** The new layer's uncompressed tar, read back from the oci-archive slim wrote. */
function newLayerTar(archive: string, dir: string): string {
  execFileSync("tar", ["-xf", archive, "-C", dir]);
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
  const blob = (d: string) => join(dir, "blobs/sha256", d.slice(7));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), "utf8"));
  const tar = join(dir, "layer.tar");
  writeFileSync(tar, gunzipSync(readFileSync(blob(manifest.layers.at(-1).digest))));
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
    const pigz = Math.min(
      seconds(`pigz -6 -c ${tar} > /dev/null`),
      seconds(`pigz -6 -c ${tar} > /dev/null`),
    );
    const zstd = Math.min(
      seconds(`zstd -3 -q -c ${tar} > /dev/null`),
      seconds(`zstd -3 -q -c ${tar} > /dev/null`),
    );
    const gzip1 = seconds(`gzip -6 -c ${tar} > /dev/null`);
    const budget = 2 * analyze.seconds + pigz;
    console.log(
      `\nslim (gzip bench image, --squash all --strip all), new layer tar ${(readFileSync(tar).length / 1e9).toFixed(2)} GB`,
    );
    console.log(
      `  floor  ballast analyze       ${analyze.seconds.toFixed(2)} s, peak RSS ${analyze.maxRssMB.toFixed(0)} MB`,
    );
    console.log(
      `  floor  pigz -6 of new layer  ${pigz.toFixed(2)} s   (zstd -3 ${zstd.toFixed(2)} s, single-threaded gzip -6 ${gzip1.toFixed(2)} s)`,
    );
    console.log(
      `  ballast slim                 ${slim.seconds.toFixed(2)} s, CPU ${slim.cpuSeconds.toFixed(2)} s, peak RSS ${slim.maxRssMB.toFixed(0)} MB`,
    );
    console.log(
      `  ratio to 2 × analyze + pigz: ${(slim.seconds / budget).toFixed(2)}× (target ≤ 1×); peak RSS ${(slim.maxRssMB / analyze.maxRssMB).toFixed(2)}× analyze, target ≤ 400 MB: ${slim.maxRssMB <= 400 ? "met" : "MISSED"}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
