import { createReadStream } from "node:fs";
import { posix } from "node:path";
import { Readable } from "node:stream";
import { InputError } from "../model/errors.js";
import { indexTar, type TarMember } from "../tar/tar-index.js";

/**
 * Read access to the files of an image archive, whether it is a directory (OCI layout, dir-bundle.ts)
 * or an uncompressed tar file (docker save, oci-archive). Names are relative, "/"-separated.
 */
export interface FileBundle {
  /** The path, for messages. */
  location: string;
  has(name: string): boolean | Promise<boolean>;
  size(name: string): Promise<number>;
  /** Reads a small file (JSON); refuses anything over `limit` bytes. */
  read(name: string, limit?: number): Promise<Buffer>;
  /** Streams a file; each call is a fresh stream. */
  open(name: string): Readable;
  /** Where a file's bytes lie in a local file (for worker threads that read them directly). */
  locate(name: string): { path: string; offset: number };
  /** Removes what the bundle made (a decompressed copy of the archive). */
  dispose?(): Promise<void>;
}

/** The most a JSON file of an image (manifest, index, config) may weigh by default. */
export const JSON_LIMIT = 16 << 20;

function clean(name: string): string {
  return posix.normalize(name.replace(/^\.?\/+/, "")).replace(/^\.\//, "");
}

/** A bundle over an uncompressed tar file, indexed once by headers. */
export async function tarBundle(path: string): Promise<FileBundle> {
  const members = new Map<string, TarMember>();
  for (const m of await indexTar(path)) members.set(clean(m.name), m);
  const resolve = (name: string, depth = 0): TarMember => {
    const m = members.get(clean(name));
    if (!m) throw new InputError(`${path}: missing "${name}" in the archive`);
    if (depth > 8) throw new InputError(`${path}: link loop at "${name}"`);
    // podman save writes <id>/layer.tar as a symlink to <digest>.tar (LIBRARIES.md §4).
    if (m.type === "symlink")
      return resolve(posix.join(posix.dirname(clean(name)), m.linkname), depth + 1);
    if (m.type === "hardlink") return resolve(m.linkname, depth + 1);
    if (m.type !== "file") throw new InputError(`${path}: "${name}" is not a regular file`);
    return m;
  };
  return {
    location: path,
    has: (name) => members.has(clean(name)),
    size: async (name) => resolve(name).size,
    read: async (name, limit = JSON_LIMIT) => {
      const m = resolve(name);
      if (m.size > limit) throw new InputError(`${path}: "${name}" is too large (${m.size} bytes)`);
      return streamToBuffer(openMember(path, m));
    },
    open: (name) => openMember(path, resolve(name)),
    locate: (name) => ({ path, offset: resolve(name).offset }),
  };
}

function openMember(path: string, m: TarMember): Readable {
  // createReadStream has no empty range (`end` is inclusive, and start > end is refused).
  if (m.size === 0) return Readable.from([]);
  return createReadStream(path, {
    start: m.offset,
    end: m.offset + m.size - 1,
    highWaterMark: 1 << 20,
  });
}

export async function streamToBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
