import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WRITE_BATCH = 4 << 20;

/**
 * An append-only temporary file holding the bodies of the files of the squashed layers, so
 * that the new layer can list them in sorted order although they arrive in layer order.
 * Disk use is the uncompressed size of those layers; memory is one write batch.
 */
export class Spool {
  private size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(
    readonly dir: string,
    private readonly fd: number,
  ) {}

  static async create(parent = tmpdir()): Promise<Spool> {
    const dir = await mkdtemp(join(parent, "ballast-slim-"));
    return new Spool(dir, openSync(join(dir, "spool"), "w+", 0o600));
  }

  /** Appends a copy of `bytes`; returns the offset they start at. */
  append(bytes: Buffer): number {
    const at = this.size;
    this.pending.push(Buffer.from(bytes));
    this.pendingBytes += bytes.length;
    this.size += bytes.length;
    if (this.pendingBytes >= WRITE_BATCH) this.flush();
    return at;
  }

  /** The current end of the spool (where the next append starts). */
  get end(): number {
    return this.size;
  }

  flush(): void {
    if (this.pendingBytes === 0) return;
    const batch = Buffer.concat(this.pending, this.pendingBytes);
    const start = this.size - this.pendingBytes;
    for (let done = 0; done < batch.length;)
      done += writeSync(this.fd, batch, done, batch.length - done, start + done);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Reads `length` bytes at `at` into `into` (which must be large enough). */
  read(at: number, length: number, into: Buffer): Buffer {
    this.flush();
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, into, done, length - done, at + done);
      if (n === 0) throw new Error(`spool ends at ${at + done}, expected ${at + length}`);
      done += n;
    }
    return into.subarray(0, length);
  }

  async dispose(): Promise<void> {
    closeSync(this.fd);
    await rm(this.dir, { recursive: true, force: true });
  }
}
