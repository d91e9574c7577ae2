import { createWriteStream, readdirSync, rmSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { InputError } from "../model/errors.js";
import { decodedArchive, type ArchiveCompression } from "./archive-decoders.js";

/**
 * The decompressed copy of a compressed `docker save` (spooled, since a tar cannot be read
 * out of order compressed). A gzip bomb must not fill the disk, and Ctrl-C must not leave a
 * gigabyte behind: the copy is capped, removed on SIGINT/SIGTERM and at exit, and a copy
 * left by a process that was killed outright is removed by the next run.
 */
export const DEFAULT_SPOOL_LIMIT = 32 * 2 ** 30;
const PREFIX = "ballast-archive-";

const live = new Set<string>();
let installed = false;

/** Decompresses `path` into a new spool directory; returns the directory and the tar in it. */
export async function spoolArchive(
  path: string,
  compression: ArchiveCompression,
  limit = DEFAULT_SPOOL_LIMIT,
): Promise<{ dir: string; tar: string; dispose: () => Promise<void> }> {
  removeStaleSpools();
  const dir = await mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
  track(dir);
  const dispose = async () => {
    live.delete(dir);
    await rm(dir, { recursive: true, force: true });
  };
  const tar = join(dir, "image.tar");
  try {
    await pipeline(await decodedArchive(path, compression), capped(limit), createWriteStream(tar));
  } catch (err) {
    await dispose();
    throw err;
  }
  return { dir, tar, dispose };
}

function capped(limit: number): Transform {
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      n += chunk.length;
      if (n > limit)
        return done(
          new InputError(
            `it decompresses to more than ${limit} bytes (the --spool-limit; raise it for a larger image)`,
          ),
        );
      done(null, chunk);
    },
  });
}

function track(dir: string): void {
  live.add(dir);
  if (installed) return;
  installed = true;
  process.once("exit", removeLiveSpools);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    const onSignal = () => {
      removeLiveSpools();
      // Nobody else handles the signal: end as it would have ended us (exit 130 / 143).
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}

function removeLiveSpools(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

/** Removes spools whose process is gone (`ballast-archive-<pid>-…` with no such pid). */
export function removeStaleSpools(dir = tmpdir()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    const full = join(dir, name);
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory())
      rmSync(full, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
