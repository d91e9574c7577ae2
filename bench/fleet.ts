// `npm run bench fleet`: `ballast scan` of a registry of 220 tags (20 repositories, 4 distinct
// images with shared bases), in one process and with 1, 2 and 4 BullMQ workers on a real Redis,
// against a floor measured in the same run: `skopeo copy` of the 4 distinct images once each.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRegistry } from "../test/helpers/registry-server.js";
import { startRedis } from "../test/helpers/redis-server.js";

const FIXTURES = `${process.env.BALLAST_LAB ?? "/tmp/ballast-fixtures"}/fixtures`;
const SOURCES = ["slim", "multistage", "bloated", "scratch"];
const REPOS = 20;
const TAGS_PER_REPO = 11;

const time = (fn: () => void) => {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
};

/** Tags a manifest under another repository: blobs mounted across repositories, then the manifest PUT. */
async function retag(host: string, from: string, to: string, tag: string): Promise<void> {
  const accept = "application/vnd.oci.image.manifest.v1+json";
  const res = await fetch(`http://${host}/v2/${from}/manifests/1`, { headers: { accept } });
  const body = Buffer.from(await res.arrayBuffer());
  const m = JSON.parse(body.toString()) as {
    config: { digest: string };
    layers: { digest: string }[];
  };
  for (const d of [m.config.digest, ...m.layers.map((l) => l.digest)]) {
    const r = await fetch(`http://${host}/v2/${to}/blobs/uploads/?mount=${d}&from=${from}`, {
      method: "POST",
    });
    if (r.status !== 201) throw new Error(`mount ${d}: HTTP ${r.status}`);
  }
  const put = await fetch(`http://${host}/v2/${to}/manifests/${tag}`, {
    method: "PUT",
    headers: { "content-type": res.headers.get("content-type") ?? accept },
    body,
  });
  if (put.status !== 201) throw new Error(`PUT ${to}:${tag}: HTTP ${put.status}`);
}

interface Scanned {
  seconds: number;
  images: number;
  /** Layers read, and layer references over all images (each image's layer count). */
  read: number;
  references: number;
}

function scan(host: string, args: string[], env: NodeJS.ProcessEnv): Scanned {
  const t0 = performance.now();
  const argv = ["bin/ballast.js", "scan", host, "-q", "-f", "json", "--top", "0", ...args];
  const out = execFileSync(process.execPath, argv, { env, maxBuffer: 1 << 28, encoding: "utf8" });
  const r = JSON.parse(out) as {
    read: { layersRead: number };
    scanned: { images: number };
    images: { layers: number }[];
  };
  return {
    seconds: (performance.now() - t0) / 1000,
    images: r.scanned.images,
    read: r.read.layersRead,
    references: r.images.reduce((sum, i) => sum + i.layers, 0),
  };
}

async function workers(n: number, url: string, env: NodeJS.ProcessEnv): Promise<ChildProcess[]> {
  const list = Array.from({ length: n }, () =>
    spawn(process.execPath, ["bin/ballast.js", "worker", "--queue", url, "-q"], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    }),
  );
  await Promise.all(
    list.map(
      (c) =>
        new Promise<void>((resolve) => {
          let log = "";
          c.stderr!.on(
            "data",
            (d: Buffer) => ((log += d.toString()), log.includes("waiting for jobs") && resolve()),
          );
        }),
    ),
  );
  return list;
}

/** Share of the images' layer references served without reading the layer (store or sharing). */
const hitRate = (r: Scanned) =>
  `layer-cache hit rate ${((100 * (r.references - r.read)) / Math.max(1, r.references)).toFixed(1)} % (${r.read} of ${r.references} layer references read)`;

if (!existsSync(`${FIXTURES}/oci-layout`)) {
  console.log(`\nfleet: skipped (no ${FIXTURES}/oci-layout; run test/real/make-fixtures.sh)`);
} else {
  spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  const registry = await startRegistry();
  const redis = await startRedis();
  const work = mkdtempSync(join(tmpdir(), "ballast-bench-fleet-"));
  const env = { ...process.env, XDG_CACHE_HOME: join(work, "cache") };
  try {
    for (const s of SOURCES)
      execFileSync("skopeo", [
        "copy",
        "-q",
        "--dest-tls-verify=false",
        `oci:${FIXTURES}/oci-layout:${s}`,
        `docker://${registry.host}/src/${s}:1`,
      ]);
    for (let r = 0; r < REPOS; r++)
      for (let t = 0; t < TAGS_PER_REPO; t++)
        await retag(
          registry.host,
          `src/${SOURCES[(r + t) % SOURCES.length]}`,
          `team${r}/app`,
          `v${t}`,
        );
    const floor = SOURCES.reduce(
      (sum, s) =>
        sum +
        time(() =>
          execFileSync("skopeo", [
            "copy",
            "-q",
            "--src-tls-verify=false",
            `docker://${registry.host}/src/${s}:1`,
            `dir:${join(work, `copy-${s}`)}`,
          ]),
        ),
      0,
    );
    console.log(
      `\nfleet: ${REPOS * TAGS_PER_REPO + SOURCES.length} tags in ${REPOS + SOURCES.length} repositories, ${SOURCES.length} distinct images`,
    );
    console.log(
      `  floor: skopeo copy of the ${SOURCES.length} distinct images   ${floor.toFixed(2)} s`,
    );
    const one = scan(registry.host, ["--store", join(work, "store")], env);
    console.log(
      `  one process, empty store        ${one.seconds.toFixed(2)} s  ${(one.seconds / floor).toFixed(2)}× floor  ${one.images} images, ${hitRate(one)}`,
    );
    const again = scan(registry.host, ["--store", join(work, "store")], env);
    console.log(
      `  one process, filled store       ${again.seconds.toFixed(2)} s  ${(again.seconds / floor).toFixed(2)}× floor  ${hitRate(again)}`,
    );
    for (const n of [1, 2, 4]) {
      execFileSync("redis-cli", ["-u", redis.url, "flushall"], { stdio: "ignore" });
      const pool = await workers(n, redis.url, env);
      try {
        const q = scan(registry.host, ["--queue", redis.url], env);
        console.log(
          `  ${n} worker${n > 1 ? "s" : " "}, empty store           ${q.seconds.toFixed(2)} s  ${(q.seconds / floor).toFixed(2)}× floor  ${hitRate(q)}`,
        );
      } finally {
        for (const c of pool) c.kill("SIGTERM");
      }
    }
  } finally {
    await registry.stop();
    await redis.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
