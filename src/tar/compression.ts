import { createGunzip } from "node:zlib";
import type { Duplex } from "node:stream";
import { PassThrough } from "node:stream";
import { createRequire } from "node:module";

export type Compression = "gzip" | "zstd" | "none";

/**
 * Decides the compression by magic bytes, never by media type: skopeo writes uncompressed
 * blobs labelled tar+gzip, and eStargz is plain gzip (shared/tools/README.md).
 */
export function sniffCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return "zstd";
  return "none";
}

export const MEDIA_TYPES = {
  docker: {
    gzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
    zstd: "application/vnd.docker.image.rootfs.diff.tar.zstd",
    none: "application/vnd.docker.image.rootfs.diff.tar",
  },
  oci: {
    gzip: "application/vnd.oci.image.layer.v1.tar+gzip",
    zstd: "application/vnd.oci.image.layer.v1.tar+zstd",
    none: "application/vnd.oci.image.layer.v1.tar",
  },
} as const;

type ZstdModule = { DecompressStream: new () => Duplex };
let zstd: ZstdModule | undefined;

/** A decompressing stream for `compression`; zstd-napi is loaded on first use. */
export function decompressor(compression: Compression): Duplex {
  if (compression === "gzip") return createGunzip({ chunkSize: 256 << 10 });
  if (compression === "zstd") {
    zstd ??= createRequire(import.meta.url)("zstd-napi") as ZstdModule;
    return new zstd.DecompressStream();
  }
  return new PassThrough({ highWaterMark: 1 << 20 });
}
