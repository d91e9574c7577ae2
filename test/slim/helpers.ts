import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import tarStream from "tar-stream";

export interface ListedMember {
  name: string;
  type: string;
  size: number;
  mode: number;
  mtime: number;
  linkname: string | null;
  content: string;
}

/** Lists a tar with tar-stream (an independent reader), keeping bodies as text. */
export async function listTar(tar: Buffer): Promise<ListedMember[]> {
  const out: ListedMember[] = [];
  const extract = tarStream.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (h, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        out.push({
          name: h.name,
          type: h.type ?? "file",
          size: h.size ?? 0,
          mode: h.mode ?? 0,
          mtime: Math.floor((h.mtime?.getTime() ?? 0) / 1000),
          linkname: h.linkname ?? null,
          content: Buffer.concat(chunks).toString("utf8"),
        });
        next();
      });
    });
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  extract.end(tar);
  await done;
  return out;
}

/** Reads an OCI layout written by slim: manifest, config and each layer's tar, uncompressed. */
export function readLayout(dir: string) {
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
  const blob = (digest: string) => readFileSync(join(dir, "blobs/sha256", digest.slice(7)));
  const manifest = JSON.parse(blob(index.manifests.at(-1).digest).toString("utf8"));
  const config = JSON.parse(blob(manifest.config.digest).toString("utf8"));
  const layers = (manifest.layers as { digest: string; mediaType: string }[]).map((l) => {
    const data = blob(l.digest);
    if (l.mediaType.endsWith("+gzip")) return gunzipSync(data);
    if (l.mediaType.endsWith("+zstd"))
      return execFileSync("zstd", ["-d", "-c"], { input: data, maxBuffer: 1 << 30 });
    return data;
  });
  return { index, manifest, config, layers };
}
