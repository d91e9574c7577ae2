import { createHash } from "node:crypto";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import type { Digest } from "../model/image.js";
import { InputError } from "../model/errors.js";
import { shortDigest } from "../model/digest.js";

const DIGEST_RE = /^(sha256|sha512):([a-f0-9]+)$/;

/** Splits and checks a digest string; throws InputError for anything not `sha256:<64 hex>` or sha512. */
export function parseDigest(digest: string): { algorithm: "sha256" | "sha512"; hex: string } {
  const m = DIGEST_RE.exec(digest);
  const hexLength = m?.[1] === "sha512" ? 128 : 64;
  if (!m || m[2].length !== hexLength) throw new InputError(`invalid digest "${digest}"`);
  return { algorithm: m[1] as "sha256" | "sha512", hex: m[2] };
}

export { shortDigest } from "../model/digest.js";

export function sha256(data: Buffer | string): Digest {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

/**
 * Hashes and counts a blob's bytes as they pass; `failure()` says what is wrong with them
 * (count first, then digest), once they have all passed.
 */
export class DigestCheck {
  private readonly hash;
  private readonly algorithm;
  private count = 0;
  private judged = false;
  private verdict: InputError | undefined;

  constructor(
    private readonly expected: Digest,
    private readonly expectedSize: number | undefined,
    private readonly what: string,
  ) {
    this.algorithm = parseDigest(expected).algorithm;
    this.hash = createHash(this.algorithm);
  }

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.count += chunk.length;
  }

  /** The error the bytes earned, or undefined when they are the expected ones. Ends the hash. */
  failure(): InputError | undefined {
    if (!this.judged) this.verdict = this.judge();
    this.judged = true;
    return this.verdict;
  }

  private judge(): InputError | undefined {
    const { expected, expectedSize, what, count } = this;
    if (expectedSize !== undefined && count !== expectedSize)
      return new InputError(
        `${what} ${shortDigest(expected)}: expected ${expectedSize} bytes, read ${count}`,
      );
    const actual = `${this.algorithm}:${this.hash.digest("hex")}`;
    if (actual !== expected)
      return new InputError(
        `${what} ${shortDigest(expected)} does not match its digest (content hashes to ${shortDigest(actual)})`,
      );
    return undefined;
  }
}

/**
 * A pass-through stream that fails at the end when the bytes do not hash to `expected`
 * (or their count differs from `expectedSize`). Every blob ballast reads goes through one.
 */
export function verifyDigest(expected: Digest, expectedSize?: number, what = "blob"): Transform {
  const check = new DigestCheck(expected, expectedSize, what);
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      check.update(chunk);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      done(check.failure());
    },
  });
}

/** `source` piped through verifyDigest, with the source's own errors passed on. */
export function verified(
  source: Readable,
  expected: Digest,
  expectedSize: number,
  what: string,
): Readable {
  const check = verifyDigest(expected, expectedSize, what);
  source.on("error", (err) => check.destroy(err));
  return source.pipe(check);
}

/** Checks a buffer already in memory (manifests, configs). */
export function checkBufferDigest(data: Buffer, expected: Digest, what: string): void {
  const { algorithm, hex } = parseDigest(expected);
  const actual = createHash(algorithm).update(data).digest("hex");
  if (actual !== hex) {
    throw new InputError(
      `${what} ${shortDigest(expected)} does not match its digest (content hashes to ${algorithm}:${actual.slice(0, 12)})`,
    );
  }
}
