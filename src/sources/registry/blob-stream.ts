import { pipeline, Readable } from "node:stream";
import { InputError, withContext } from "../../model/errors.js";
import { shortDigest, verifyDigest } from "../verify.js";
import type { RegistryClient } from "./client.js";
import { isRetryable, sleep } from "./http.js";

export interface BlobStreamOptions {
  /** Called with the cumulative byte count as chunks arrive. */
  onBytes?: (bytes: number) => void;
}

/**
 * Streams a blob from the registry, verified against its digest. A connection lost
 * mid-blob resumes with `Range: bytes=N-` (distribution spec: blobs support ranged GET);
 * a server that ignores Range and answers 200 has its first N bytes skipped, so the
 * consumer never sees a byte twice. Attempts are counted only while no progress is made.
 */
export function blobStream(
  client: RegistryClient,
  digest: string,
  size: number,
  what: string,
  options: BlobStreamOptions = {},
): Readable {
  const source = Readable.from(chunks(client, digest, size, what, options), { objectMode: false });
  const check = verifyDigest(digest, size, what);
  pipeline(source, check, () => undefined);
  // A consumer that already failed (e.g. gunzip on the same bad bytes) may have stopped
  // listening; the digest error it would get must not become an uncaught exception.
  check.on("error", () => undefined);
  return check;
}

async function* chunks(
  client: RegistryClient,
  digest: string,
  size: number,
  what: string,
  options: BlobStreamOptions,
): AsyncGenerator<Buffer> {
  const { retries } = client.http.options;
  let offset = 0;
  let failures = 0;
  for (;;) {
    try {
      const res = await client.blob(digest, what, offset);
      let skip = offset > 0 && res.statusCode === 200 ? offset : 0;
      if (offset > 0 && res.statusCode === 206)
        checkContentRange(res.headers["content-range"], offset, digest);
      for await (const raw of res.body) {
        let chunk = raw as Buffer;
        if (skip > 0) {
          const n = Math.min(skip, chunk.length);
          skip -= n;
          chunk = chunk.subarray(n);
          if (chunk.length === 0) continue;
        }
        offset += chunk.length;
        failures = 0;
        options.onBytes?.(offset);
        yield chunk;
      }
      if (offset < size)
        throw Object.assign(new Error(`connection closed after ${offset} of ${size} bytes`), {
          retryable: true,
        });
      return;
    } catch (err) {
      if (!isRetryable(err) || failures >= retries) {
        if (err instanceof InputError) throw err;
        throw withContext(`fetching ${what} ${shortDigest(digest)} from ${client.name}`, err);
      }
      failures++;
      await sleep(client.http.options.retryBaseMs * 2 ** (failures - 1));
    }
  }
}

function checkContentRange(
  header: string | string[] | undefined,
  offset: number,
  digest: string,
): void {
  const m = typeof header === "string" ? /^bytes (\d+)-/.exec(header) : null;
  if (m && Number(m[1]) !== offset) {
    throw new Error(`blob ${shortDigest(digest)}: asked for bytes from ${offset}, got ${header}`);
  }
}
