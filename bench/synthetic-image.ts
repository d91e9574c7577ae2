import { createHash } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { Duplex, Transform } from "node:stream";
import { spawn } from "node:child_process";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tarStream from "tar-stream";

/** The shape of the benchmark image: ≈1 GB uncompressed in ≈200k files over 8 layers. */
export const SHAPE = { layers: 8, filesPerLayer: 25_000, meanFileSize: 5_000 };

/**
 * 16 MiB of content to slice files from: a quarter incompressible (binaries, compressed
 * assets), three quarters text drawn from a 4096-word vocabulary, which compresses about
 * 3× and makes gzip and zstd decode for real, as with a real root filesystem.
 */
function contentPool(): Buffer {
  const pool = Buffer.alloc(16 << 20);
  let x = 2463534242;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  const binary = pool.length / 4;
  for (let i = 0; i < binary; i++) pool[i] = next() & 0xff;
  const words = Array.from({ length: 4096 }, () =>
    Array.from({ length: 3 + (next() % 8) }, () => String.fromCharCode(97 + (next() % 26))).join(
      "",
    ),
  );
  let at = binary;
  while (at < pool.length) {
    const w = words[next() % words.length] + (next() % 11 === 0 ? "\n" : " ");
    at += pool.write(w, at);
  }
  return pool;
}

/**
 * Writes one layer tar through `compress` into `out`, returning the uncompressed digest.
 * Later layers overwrite and delete some of the earlier layers' files so the merge has work.
 */
async function writeLayer(
  index: number,
  pool: Buffer,
  compress: () => Duplex,
  out: string,
): Promise<string> {
  const pack = tarStream.pack();
  const hash = createHash("sha256");
  const tee = new Transform({ transform: (c, _e, done) => (hash.update(c), done(null, c)) });
  const done = pipeline(pack, tee, compress(), createWriteStream(out));
  for (let f = 0; f < SHAPE.filesPerLayer; f++) {
    const dir = `data/l${index}/d${f % 500}`;
    const size = (f * 7919 + index * 104729) % (2 * SHAPE.meanFileSize);
    const start = (f * 4099 + index * 65537) % (pool.length - size);
    if (
      !pack.entry(
        { name: `${dir}/f${f}.bin`, size, mtime: new Date(0) },
        pool.subarray(start, start + size),
      )
    ) {
      await new Promise((r) => pack.once("drain", r));
    }
  }
  if (index > 0) {
    // Overwrite 1000 files and delete a directory of the previous layer.
    for (let f = 0; f < 1000; f++)
      pack.entry(
        { name: `data/l${index - 1}/d${f % 500}/f${f}.bin`, size: 100, mtime: new Date(0) },
        pool.subarray(0, 100),
      );
    pack.entry(
      { name: `data/l${index - 1}/.wh.d499`, size: 0, mtime: new Date(0) },
      Buffer.alloc(0),
    );
  }
  pack.finalize();
  await done;
  return `sha256:${hash.digest("hex")}`;
}

export interface SyntheticImage {
  dir: string;
  tag: string;
  blobs: string[];
}

/** `zstd -3`, the level buildah and containerd use, as a stream (the CLI: any Node has it). */
function zstdCli(): Duplex {
  const child = spawn("zstd", ["-3", "-q", "-c"], { stdio: ["pipe", "pipe", "inherit"] });
  return Duplex.from({ writable: child.stdin, readable: child.stdout });
}

/** Builds (once, cached in `root`) the gzip and zstd OCI layouts of the benchmark image. */
export async function syntheticImage(
  root: string,
  compression: "gzip" | "zstd",
): Promise<SyntheticImage> {
  const dir = join(root, `synthetic-${compression}`);
  const blobsDir = join(dir, "blobs/sha256");
  const doneMarker = join(dir, "index.json");
  if (!existsSync(doneMarker)) {
    mkdirSync(blobsDir, { recursive: true });
    const pool = contentPool();
    const compress = () => (compression === "gzip" ? createGzip({ level: 6 }) : zstdCli());
    const layers = [];
    const diffIds = [];
    for (let i = 0; i < SHAPE.layers; i++) {
      const tmp = join(dir, `layer${i}.tmp`);
      diffIds.push(await writeLayer(i, pool, compress, tmp));
      const digest = await fileDigest(tmp);
      renameSync(tmp, join(blobsDir, digest.slice(7)));
      layers.push({
        mediaType: `application/vnd.oci.image.layer.v1.tar+${compression}`,
        digest,
        size: statSync(join(blobsDir, digest.slice(7))).size,
      });
    }
    const put = (data: string) => {
      const digest = `sha256:${createHash("sha256").update(data).digest("hex")}`;
      writeFileSync(join(blobsDir, digest.slice(7)), data);
      return { digest, size: Buffer.byteLength(data) };
    };
    const config = put(
      JSON.stringify({
        architecture: "amd64",
        os: "linux",
        rootfs: { type: "layers", diff_ids: diffIds },
        history: diffIds.map((_, i) => ({ created_by: `COPY data/l${i} /data` })),
      }),
    );
    const manifest = put(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
        layers,
      }),
    );
    writeFileSync(join(dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
    writeFileSync(
      doneMarker,
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: "application/vnd.oci.image.manifest.v1+json",
            ...manifest,
            annotations: { "org.opencontainers.image.ref.name": "bench" },
          },
        ],
      }),
    );
  }
  const index = JSON.parse(
    await import("node:fs/promises").then((fs) => fs.readFile(doneMarker, "utf8")),
  );
  const manifest = JSON.parse(
    await import("node:fs/promises").then((fs) =>
      fs.readFile(join(blobsDir, index.manifests[0].digest.slice(7)), "utf8"),
    ),
  );
  return {
    dir,
    tag: "bench",
    blobs: manifest.layers.map((l: { digest: string }) => join(blobsDir, l.digest.slice(7))),
  };
}

async function fileDigest(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest("hex")}`;
}
