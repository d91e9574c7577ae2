import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { encodeHeader, END_OF_ARCHIVE, padding, TYPE } from "./tar-write.js";
import {
  blobPath,
  ociManifest,
  sha256Of,
  type OutputBlob,
  type OutputImage,
} from "./output-image.js";

/** One member of an image archive. */
interface ArchiveFile {
  name: string;
  size: number;
  open(): Promise<Readable>;
}

/**
 * `docker save` format: `manifest.json` naming the config and the layers, stored under
 * `blobs/sha256/` as Docker 25+ stores them (docker load and skopeo read it).
 */
export async function writeDockerArchive(
  image: OutputImage,
  path: string,
  tag?: string,
): Promise<void> {
  const files = [
    ...blobFiles(image),
    json("manifest.json", [
      {
        Config: blobPath(image.configDigest),
        RepoTags: tag ? [tag] : null,
        Layers: image.layers.map((l) => blobPath(l.digest)),
      },
    ]),
  ];
  await writeArchive(path, files);
}

/** An OCI image layout in a tar (skopeo's `oci-archive:`). */
export async function writeOciArchive(
  image: OutputImage,
  path: string,
  tag?: string,
): Promise<void> {
  const manifest = ociManifest(image);
  await writeArchive(path, [...blobFiles(image, manifest), ...layoutFiles(manifest, tag)]);
}

function blobFiles(image: OutputImage, manifest?: Buffer): ArchiveFile[] {
  const seen = new Set<string>();
  const out: ArchiveFile[] = [];
  const add = (b: OutputBlob) => {
    if (seen.has(b.digest)) return;
    seen.add(b.digest);
    out.push({ name: blobPath(b.digest), size: b.size, open: b.open });
  };
  for (const l of image.layers) add(l);
  add(bufferBlob(image.config));
  if (manifest) add(bufferBlob(manifest));
  return out;
}

/** `index.json` and `oci-layout` (image-spec image-layout.md). */
export function layoutFiles(manifest: Buffer, tag?: string): ArchiveFile[] {
  const descriptor = {
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    digest: sha256Of(manifest),
    size: manifest.length,
    ...(tag ? { annotations: { "org.opencontainers.image.ref.name": tag } } : {}),
  };
  return [
    json("index.json", { schemaVersion: 2, manifests: [descriptor] }),
    json("oci-layout", { imageLayoutVersion: "1.0.0" }),
  ];
}

function json(name: string, value: unknown): ArchiveFile {
  const bytes = Buffer.from(JSON.stringify(value));
  return {
    name,
    size: bytes.length,
    open: async () => (await import("node:stream")).Readable.from([bytes]),
  };
}

function bufferBlob(bytes: Buffer): OutputBlob {
  return {
    digest: sha256Of(bytes),
    size: bytes.length,
    open: async () => (await import("node:stream")).Readable.from([bytes]),
  };
}

/** Writes the tar beside `path` and renames it into place: readers never see half an archive. */
async function writeArchive(path: string, files: ArchiveFile[]): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.ballast-${process.pid}.tmp`);
  const out = createWriteStream(tmp, { mode: 0o644 });
  try {
    const write = async (chunk: Buffer) => {
      if (!out.write(chunk)) await once(out, "drain");
    };
    for (const f of files) {
      await write(encodeHeader(member(f)));
      let n = 0;
      for await (const chunk of await f.open()) {
        n += (chunk as Buffer).length;
        await write(chunk as Buffer);
      }
      if (n !== f.size) throw new Error(`${f.name}: wrote ${n} bytes, expected ${f.size}`);
      await write(Buffer.alloc(padding(f.size)));
    }
    await write(END_OF_ARCHIVE);
    out.end();
    await once(out, "close");
    await rename(tmp, path);
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}

function member(f: ArchiveFile) {
  return {
    path: f.name,
    typeflag: TYPE.file,
    size: f.size,
    mode: 0o644,
    uid: 0,
    gid: 0,
    mtime: 0,
    linkname: "",
    uname: "",
    gname: "",
    devmajor: 0,
    devminor: 0,
    pax: undefined,
  };
}
