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
import { mkdir, readdir, rename, stat, unlink } from "node:fs/promises";
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
  private swept?: Promise<void>;

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
    await (this.swept ??= sweepStaleTemps(join(this.dir, "tmp")));
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
    if (fd !== undefined) liveTemps.add(temp);
    let finished = false;
    const discard = () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      liveTemps.delete(temp);
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
          () => (liveTemps.delete(temp), done()),
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

/**
 * Temp files this process is writing. An interrupt (Ctrl-C, SIGTERM, SIGHUP) or an exit
 * mid-download removes them; a kill that runs no handler leaves them to sweepStaleTemps.
 */
const liveTemps = new (class extends Set<string> {
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.removeAll();
    // The signal's default action (ending the process), unless someone else handles it.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  private readonly onExit = () => this.removeAll();

  override add(path: string): this {
    if (this.size === 0) this.listen(true);
    return super.add(path);
  }

  override delete(path: string): boolean {
    const had = super.delete(path);
    if (had && this.size === 0) this.listen(false);
    return had;
  }

  private removeAll(): void {
    for (const path of this) rmSync(path, { force: true });
    this.clear();
    this.listen(false);
  }

  private listen(on: boolean): void {
    for (const signal of SIGNALS) process[on ? "on" : "off"](signal, this.onSignal);
    process[on ? "on" : "off"]("exit", this.onExit);
  }
})();

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** Temp files older than this are removed whoever wrote them (their pid may be reused). */
const STALE_MS = 24 * 3600_000;

/** Removes temp files left by processes that are gone (killed mid-download, say). */
async function sweepStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(/^[0-9a-f]+\.(\d+)\.[0-9a-z]+$/.exec(name)?.[1]);
      if (!pid || pid === process.pid) return;
      const path = join(dir, name);
      const old = await stat(path).then(
        (st) => Date.now() - st.mtimeMs > STALE_MS,
        () => false,
      );
      if (old || !isAlive(pid)) await unlink(path).catch(() => undefined);
    }),
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
