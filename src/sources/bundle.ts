import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { posix, join } from "node:path";
import type { Readable } from "node:stream";
import { InputError } from "../model/errors.js";
import { indexTar, type TarMember } from "../tar/tar-index.js";

/**
 * Read access to the files of an image archive, whether it is a directory (OCI layout)
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

const JSON_LIMIT = 16 << 20;

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
  if (m.size === 0) return createReadStream(path, { start: 1, end: 0 });
  return createReadStream(path, {
    start: m.offset,
    end: m.offset + m.size - 1,
    highWaterMark: 1 << 20,
  });
}

/** A bundle over a directory (OCI image layout, extracted docker save). */
export function dirBundle(dir: string): FileBundle {
  const full = (name: string) => join(dir, clean(name));
  const missing = (name: string) => new InputError(`${dir}: missing "${name}"`);
  return {
    location: dir,
    has: async (name) => (await stat(full(name)).catch(() => null))?.isFile() ?? false,
    size: async (name) => (await stat(full(name)).catch(() => Promise.reject(missing(name)))).size,
    read: async (name, limit = JSON_LIMIT) => {
      const st = await stat(full(name)).catch(() => Promise.reject(missing(name)));
      if (st.size > limit)
        throw new InputError(`${dir}: "${name}" is too large (${st.size} bytes)`);
      return readFile(full(name));
    },
    open: (name) => createReadStream(full(name), { highWaterMark: 1 << 20 }),
    locate: (name) => ({ path: full(name), offset: 0 }),
  };
}

export async function streamToBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses JSON from a bundle member with a message naming the file. */
export async function readJson<T>(bundle: FileBundle, name: string): Promise<T> {
  const data = await bundle.read(name);
  try {
    return JSON.parse(data.toString("utf8")) as T;
  } catch (err) {
    throw new InputError(
      `${bundle.location}: "${name}" does not parse as JSON (${(err as Error).message})`,
    );
  }
}
