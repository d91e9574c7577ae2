import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import * as zlib from "node:zlib";
import { gzipSync } from "node:zlib";
import tarStream from "tar-stream";

/** One tar entry of a test layer. Whiteouts are plain names: `.wh.x`, `dir/.wh..wh..opq`. */
export interface TestEntry {
  name: string;
  type?: "file" | "directory" | "symlink" | "link";
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
}

/** Shorthand: `{ "etc/a": "x", "d/": null, ".wh.b": "" }` (a trailing "/" makes a directory). */
export function entries(spec: Record<string, string | Buffer | null>): TestEntry[] {
  return Object.entries(spec).map(([name, content]) =>
    name.endsWith("/") ? { name, type: "directory" } : { name, content: content ?? "" },
  );
}

/** Builds an uncompressed layer tar in memory with tar-stream's packer. */
export async function layerTar(list: TestEntry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => pack.on("end", resolve));
  for (const e of list) {
    const body = e.content === undefined ? undefined : Buffer.from(e.content);
    pack.entry(
      {
        name: e.name,
        type: e.type ?? "file",
        linkname: e.linkname,
        mode: e.mode ?? (e.type === "directory" ? 0o755 : 0o644),
        size: body?.length ?? 0,
      },
      body,
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export const sha256 = (b: Buffer | string): string =>
  `sha256:${createHash("sha256").update(b).digest("hex")}`;

export type Compression = "gzip" | "zstd" | "none";

export function compress(tar: Buffer, how: Compression): Buffer {
  if (how === "gzip") return gzipSync(tar);
  if (how === "zstd") return zstdCompress(tar);
  return tar;
}

/** zstd level 3, as buildah and containerd write it: Node's own where it has one, else the zstd CLI. */
export function zstdCompress(data: Buffer, args: string[] = ["-3"]): Buffer {
  const own = (zlib as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync;
  if (own && args.length === 1 && args[0] === "-3") return own(data);
  return execFileSync("zstd", [...args, "-q", "-c"], { input: data, maxBuffer: 1 << 30 });
}

export interface TestImage {
  layers: Buffer[];
  history?: { created_by: string; empty_layer?: boolean }[];
  platform?: { os: string; architecture: string; variant?: string };
  user?: string;
  env?: string[];
  /** Blobs to store instead of compressing `layers` (to plant corrupt streams). */
  blobs?: Buffer[];
  /** Diff IDs to write instead of the layers' real ones. */
  diffIds?: string[];
}

export function configFor(img: TestImage): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: img.platform?.architecture ?? "amd64",
      os: img.platform?.os ?? "linux",
      ...(img.platform?.variant ? { variant: img.platform.variant } : {}),
      config: { User: img.user ?? "", Env: img.env ?? [], Cmd: ["sh"] },
      rootfs: { type: "layers", diff_ids: img.diffIds ?? img.layers.map(sha256) },
      history: img.history ?? img.layers.map((_, i) => ({ created_by: `/bin/sh -c step ${i}` })),
    }),
  );
}

/** Writes an OCI image layout directory with one manifest per image; returns the layout dir. */
export function writeOciLayout(
  dir: string,
  images: (TestImage & { tag?: string })[],
  how: Compression = "gzip",
  asIndex = false,
): string {
  mkdirSync(join(dir, "blobs/sha256"), { recursive: true });
  const put = (data: Buffer) => {
    const d = sha256(data);
    writeFileSync(join(dir, "blobs/sha256", d.slice(7)), data);
    return d;
  };
  const suffix = how === "none" ? "" : `+${how}`;
  const descriptors = images.map((img) => {
    const config = configFor(img);
    const layers = img.layers.map((tar, i) => {
      const blob = img.blobs?.[i] ?? compress(tar, how);
      return {
        mediaType: `application/vnd.oci.image.layer.v1.tar${suffix}`,
        digest: put(blob),
        size: blob.length,
      };
    });
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: {
          mediaType: "application/vnd.oci.image.config.v1+json",
          digest: put(config),
          size: config.length,
        },
        layers,
      }),
    );
    return {
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      digest: put(manifest),
      size: manifest.length,
      platform: img.platform ?? { os: "linux", architecture: "amd64" },
      ...(img.tag ? { annotations: { "org.opencontainers.image.ref.name": img.tag } } : {}),
    };
  });
  let top = descriptors;
  if (asIndex) {
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.index.v1+json",
        manifests: descriptors,
      }),
    );
    top = [
      {
        mediaType: "application/vnd.oci.image.index.v1+json",
        digest: put(index),
        size: index.length,
        annotations: { "org.opencontainers.image.ref.name": "multi" },
      } as (typeof descriptors)[number],
    ];
  }
  writeFileSync(join(dir, "index.json"), JSON.stringify({ schemaVersion: 2, manifests: top }));
  writeFileSync(join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  return dir;
}

/** Writes a legacy `docker save` tar (`<n>/layer.tar`, `<id>.json`, manifest.json). */
export async function writeDockerArchive(
  path: string,
  images: (TestImage & { tags?: string[] })[],
): Promise<string> {
  const files: TestEntry[] = [];
  const manifest = images.map((img, n) => {
    const config = configFor(img);
    const configName = `${sha256(config).slice(7)}.json`;
    files.push({ name: configName, content: config });
    const layers = img.layers.map((tar, i) => {
      const name = `img${n}layer${i}/layer.tar`;
      files.push({ name, content: tar });
      return name;
    });
    return { Config: configName, RepoTags: img.tags ?? null, Layers: layers };
  });
  files.push({ name: "manifest.json", content: JSON.stringify(manifest) });
  writeFileSync(path, await layerTar(files));
  return path;
}
