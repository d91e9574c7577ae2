import { createHash } from "node:crypto";
import {
  closeSync,
  createReadStream,
  openSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline, Transform, type Readable, type TransformCallback } from "node:stream";
import { parseDigest, verifyDigest } from "../verify.js";

/** `$XDG_CACHE_HOME/ballast`, else `~/.cache/ballast` (XDG Base Directory spec). */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache"), "ballast");
}

/**
 * Blobs on disk at `<dir>/blobs/<alg>/<hex>` (the OCI layout's own scheme), so layers shared
 * between images are fetched once. Entries appear only by rename after the whole blob hashed
 * to its digest, and are verified again on every read. The cache is best-effort: a full or
 * read-only disk never fails an analysis.
 */
export class BlobCache {
  constructor(readonly dir: string) {}

  path(digest: string): string {
    const { algorithm, hex } = parseDigest(digest);
    return join(this.dir, "blobs", algorithm, hex);
  }

  /** The file that claims to hold `digest` (it has the right size), not yet verified. */
  cachedFile(digest: string, size: number): string | undefined {
    const path = this.path(digest);
    const st = statSync(path, { throwIfNoEntry: false });
    return st?.isFile() && st.size === size ? path : undefined;
  }

  /** Drops an entry (damaged, say), so that the blob is fetched again. */
  remove(digest: string): void {
    rmSync(this.path(digest), { force: true });
  }

  /**
   * A verified stream of a cached blob, or undefined when it is not cached. The file is hashed
   * before it is served, so a damaged entry (disk error, tampering) is removed and the caller
   * falls back to the registry instead of failing half-way through a layer.
   */
  async open(digest: string, size: number, what: string): Promise<Readable | undefined> {
    const path = this.cachedFile(digest, size);
    if (!path) return undefined;
    const { algorithm } = parseDigest(digest);
    const hash = createHash(algorithm);
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
        hash.update(chunk as Buffer);
    } catch {
      return undefined;
    }
    if (`${algorithm}:${hash.digest("hex")}` !== digest) {
      this.remove(digest);
      return undefined;
    }
    const check = verifyDigest(digest, size, `${what} (cached in ${path})`);
    pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), check, () => undefined);
    check.on("error", () => undefined);
    return check;
  }

  /**
   * A pass-through that copies the bytes into the cache. It must sit after the digest check:
   * its flush runs only when every byte arrived and verified, and only then is the entry renamed
   * into place. A stream destroyed early leaves no entry and no temp file.
   */
  async writer(digest: string): Promise<Transform> {
    const final = this.path(digest);
    const temp = join(
      this.dir,
      "tmp",
      `${parseDigest(digest).hex}.${process.pid}.${Math.random().toString(36).slice(2)}`,
    );
    const ok = await Promise.all([
      mkdir(dirname(final), { recursive: true }),
      mkdir(dirname(temp), { recursive: true }),
    ]).then(
      () => true,
      () => false,
    );
    // Synchronous writes of the chunks as they pass: a page-cache write costs microseconds,
    // far less than a write stream's thread-pool round trip per network chunk.
    let fd = ok ? tryOpen(temp) : undefined;
    let finished = false;
    const discard = () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      // Synchronously: a worker thread may be terminated right after it reports the failure.
      try {
        unlinkSync(temp);
      } catch {
        // never created, or already gone
      }
    };
    return new Transform({
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        if (fd !== undefined) {
          try {
            for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at);
          } catch {
            discard(); // a full or failing disk never fails the analysis
          }
        }
        done(null, chunk);
      },
      flush(done: TransformCallback) {
        finished = true;
        if (fd === undefined) return done();
        closeSync(fd);
        fd = undefined;
        rename(temp, final).then(
          () => done(),
          () => (discard(), done()),
        );
      },
      destroy(err, done) {
        if (!finished) discard();
        done(err);
      },
    });
  }
}

function tryOpen(path: string): number | undefined {
  try {
    return openSync(path, "wx");
  } catch {
    return undefined;
  }
}
