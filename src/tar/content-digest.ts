import { createHash, hash } from "node:crypto";
import { createRequire } from "node:module";

/**
 * Digests of regular files' contents, which find duplicates and tell `diff` whether a file
 * changed: sha256 below 64 KiB, BLAKE3 from 64 KiB. Both are collision resistant. BLAKE3
 * (@napi-rs/blake-hash, native SIMD) hashed 3.2–3.7 GB/s here against 1.7 GB/s for sha256
 * on large inputs, while below ~8 KiB the call into the binding costs more than sha256
 * itself (docs/content-digest.md). Files of equal size always get the same algorithm, so
 * equal digests mean equal bytes. Where the binding does not load, every size gets sha256.
 * Entries keep the hex alone (a prefixed string per file cost 60–75 MB more peak RSS on the
 * 1 GB bench image: V8 kept each as a two-part string); `contentAlgorithm(size)` names the
 * algorithm where a digest is shown.
 */
const BLAKE3_FROM = 64 << 10;

interface Blake3 {
  blake3(input: Uint8Array): Buffer;
  Blake3Hasher: new () => { update(input: Uint8Array): unknown; digest(format: "hex"): string };
}

let binding: Blake3 | null | undefined;
function blake3(): Blake3 | null {
  if (binding === undefined) {
    binding = null;
    const require = createRequire(import.meta.url);
    // The package's loader asks process.report whether the C library is glibc or musl (5 ms,
    // in every worker); npm installs the glibc build only on glibc, so it is tried first.
    const linux =
      process.platform === "linux" ? [`@napi-rs/blake-hash-linux-${process.arch}-gnu`] : [];
    for (const name of [...linux, "@napi-rs/blake-hash"]) {
      try {
        binding = require(name) as Blake3;
        break;
      } catch {
        // not installed here, or not loadable: the next candidate
      }
    }
  }
  return binding;
}

/** Which algorithm digests a file of `size` bytes in this process. */
export function contentAlgorithm(size: number): "sha256" | "blake3" {
  return size >= BLAKE3_FROM && blake3() ? "blake3" : "sha256";
}

/** The digest (hex) of a file that arrived whole. */
export function contentDigest(bytes: Uint8Array): string {
  const b3 = bytes.length >= BLAKE3_FROM ? blake3() : null;
  return b3 ? b3.blake3(bytes).toString("hex") : hash("sha256", bytes, "hex");
}

/** An incremental digest (hex) for a file of `size` bytes arriving in pieces. */
export function contentHasher(size: number): { update(b: Uint8Array): void; digest(): string } {
  const b3 = size >= BLAKE3_FROM ? blake3() : null;
  const h = b3 ? new b3.Blake3Hasher() : createHash("sha256");
  return { update: (b) => void h.update(b), digest: () => h.digest("hex") };
}
