import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
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
 * A pass-through stream that fails at the end when the bytes do not hash to `expected`
 * (or their count differs from `expectedSize`). Every blob ballast reads goes through one.
 */
export function verifyDigest(expected: Digest, expectedSize?: number, what = "blob"): Transform {
  const { algorithm } = parseDigest(expected);
  const hash = createHash(algorithm);
  let count = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      hash.update(chunk);
      count += chunk.length;
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      if (expectedSize !== undefined && count !== expectedSize) {
        done(
          new InputError(
            `${what} ${shortDigest(expected)}: expected ${expectedSize} bytes, read ${count}`,
          ),
        );
        return;
      }
      const actual = `${algorithm}:${hash.digest("hex")}`;
      if (actual !== expected) {
        done(
          new InputError(
            `${what} ${shortDigest(expected)} does not match its digest (content hashes to ${shortDigest(actual)})`,
          ),
        );
        return;
      }
      done();
    },
  });
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
