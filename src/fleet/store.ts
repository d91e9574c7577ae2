import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { InputError } from "../model/errors.js";
import { CODEC_VERSION } from "./layer-codec.js";
import { VERSION } from "../model/version.js";

/** What the store holds: layer summaries by layer digest, image reports by manifest digest. */
export type StoreKind = "layer" | "image";

/**
 * The content-addressed store a fleet scan shares between its processes. Entries are
 * immutable (a digest names one content), so writers never conflict: the last identical
 * write wins, and a reader sees a whole entry or none.
 */
export interface FleetStore {
  get(kind: StoreKind, digest: string): Promise<Buffer | undefined>;
  put(kind: StoreKind, digest: string, bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** Digests come from registries: only well-formed ones may become file names or keys. */
export function checkDigest(digest: string): string {
  if (!DIGEST.test(digest)) throw new InputError(`not a valid digest: ${JSON.stringify(digest)}`);
  return digest;
}

/**
 * The key an entry has in any store: its kind, digest and version. Layer summaries depend on
 * the codec only; an image report on everything that makes it (detectors, rules), so on
 * ballast's version.
 */
export function storeKey(kind: StoreKind, digest: string): string {
  const version = kind === "layer" ? `v${CODEC_VERSION}` : `ballast-${VERSION}`;
  return `${kind}/${version}/${checkDigest(digest).replace(":", "/")}`;
}

/** A directory store: one gzip file per entry, written to a temp name and renamed into place. */
export class DirStore implements FleetStore {
  constructor(readonly dir: string) {}

  private path(kind: StoreKind, digest: string): string {
    return join(this.dir, `${storeKey(kind, digest)}.gz`);
  }

  async get(kind: StoreKind, digest: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.path(kind, digest));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  }

  async put(kind: StoreKind, digest: string, bytes: Buffer): Promise<void> {
    const path = this.path(kind, digest);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await writeFile(tmp, bytes);
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async close(): Promise<void> {}
}
