import type { Platform } from "../model/image.js";

/** Options every source accepts; a source ignores what does not apply to it. */
export interface OpenOptions {
  /** Platform to pick from an image index; default: the host's. */
  platform?: Platform;
  /** Registry credentials `user:password` (never printed). */
  creds?: string;
  /** Auth file in Docker config.json / containers auth.json format. */
  authfile?: string;
  /**
   * Registry requests: how long one may go without progress, retries included (`--timeout`,
   * default 30 s), and how many times it is tried again (`--retries`, default 5).
   */
  timeoutMs?: number;
  retries?: number;
  /** Allow plain HTTP / unverified TLS for the registry (skopeo's --tls-verify=false). */
  tlsVerify?: boolean;
  /**
   * On-disk registry layer cache, keyed by digest; off unless a directory is given (it is
   * never pruned, and writing it costs as much as the download on a fast registry).
   */
  cacheDir?: string | false;
  /** Most bytes a compressed docker save may decompress to on disk (spool.ts). */
  spoolLimit?: number;
  /** Environment used for credential and socket discovery (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Called as layer bytes are read, for progress display. `bytes` is the count read so far
   * from layer `layer`; remote sources also give the layer's `total` and the image's `layers`.
   * `layer: -1` is a whole-image transfer before layers are known (an engine's save stream).
   */
  onProgress?: (event: { layer: number; bytes: number; total?: number; layers?: number }) => void;
}
