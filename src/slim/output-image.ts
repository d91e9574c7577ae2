import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { createHash } from "node:crypto";
import { MEDIA_TYPES, type Compression } from "../tar/compression.js";

/** A blob of the image to write: its digest, size and a way to stream it. */
export interface OutputBlob {
  digest: string;
  size: number;
  open(): Promise<Readable>;
}

export interface OutputLayer extends OutputBlob {
  diffId: string;
  compression: Compression;
}

/** The slimmed image, ready for a sink: config bytes and layers, bottom first. */
export interface OutputImage {
  config: Buffer;
  configDigest: string;
  layers: OutputLayer[];
}

export const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

/** The OCI image manifest of an output image (image-spec manifest.md). */
export function ociManifest(image: OutputImage): Buffer {
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, digest: image.configDigest, size: image.config.length },
    layers: image.layers.map((l) => ({
      mediaType: MEDIA_TYPES.oci[l.compression],
      digest: l.digest,
      size: l.size,
    })),
  };
  return Buffer.from(JSON.stringify(manifest));
}

export function sha256Of(bytes: Buffer): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/** A blob held in a local file (the new layer). */
export function fileBlob(path: string, digest: string, size: number): OutputBlob {
  return { digest, size, open: async () => createReadStream(path) };
}

/** `sha256:<hex>` → `blobs/sha256/<hex>`. */
export function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(":");
  return `blobs/${algorithm}/${hex}`;
}
