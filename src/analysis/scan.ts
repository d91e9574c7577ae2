import { availableParallelism } from "node:os";
import type { Image, ImageLayer } from "../model/image.js";
import { withContext } from "../model/errors.js";
import { mergeLayers, type MergedTree } from "../filetree/merge.js";
import { readLayer, type LayerRead } from "../tar/read-layer.js";
import { shortDigest } from "../model/digest.js";
import { LayerWorkers } from "./worker-pool.js";

export interface ScanOptions {
  /** Layers read at once; two cores decompress two layers in parallel (default 2). */
  concurrency?: number;
  /**
   * Read layers in worker threads: "auto" (default) uses them on machines with 4 or more
   * cores for images whose blobs total at least 64 MB. On 2 cores the zlib thread pool
   * already decompresses beside the main thread, and workers cost ~50 MB more peak RSS
   * for no measurable gain (npm run bench, 1 GB / 200k files).
   */
  workers?: "auto" | boolean;
  /** Paths whose content (first 1 MiB) is kept, for detectors such as os-release. */
  capture?: (path: string) => boolean;
  onLayerBytes?: (layer: number, bytes: number) => void;
  onLayerDone?: (layer: number) => void;
}

/** Everything read from an image: per-layer entries and the merged filesystem. */
export interface ImageScan {
  image: Image;
  layers: LayerRead[];
  tree: MergedTree;
}

/** Reads every layer once (streaming, verified) and merges them. */
export async function scanImage(image: Image, options: ScanOptions = {}): Promise<ImageScan> {
  const reads = new Array<LayerRead>(image.layers.length);
  const concurrency = Math.min(Math.max(1, options.concurrency ?? 2), image.layers.length);
  const pool = (await useWorkers(image, options)) ? new LayerWorkers() : undefined;
  let next = 0;
  const lane = async () => {
    while (next < image.layers.length) {
      const i = next++;
      reads[i] = await readOne(image.layers[i], i, options, pool);
      options.onLayerDone?.(i);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    await pool?.close();
  }
  return { image, layers: reads, tree: mergeLayers(reads.map((r) => r.entries)) };
}

const WORKER_THRESHOLD = 64e6;

/** Workers can apply only the detectors' own capture list, which they import themselves. */
async function useWorkers(image: Image, options: ScanOptions): Promise<boolean> {
  if (options.workers === false || (options.concurrency ?? 2) < 2) return false;
  if (options.capture && options.capture !== (await import("./findings/index.js")).capturedPath)
    return false;
  if (options.workers === true) return true;
  return (
    availableParallelism() >= 4 && image.layers.reduce((s, l) => s + l.size, 0) >= WORKER_THRESHOLD
  );
}

async function readOne(
  layer: ImageLayer,
  index: number,
  options: ScanOptions,
  pool?: LayerWorkers,
): Promise<LayerRead> {
  const onBytes = options.onLayerBytes && ((n: number) => options.onLayerBytes!(index, n));
  try {
    const blob = await layer.open();
    if (pool)
      return await pool.read(blob, layer.diffId, options.capture ? "detectors" : "none", onBytes);
    return await readLayer(blob, { diffId: layer.diffId, capture: options.capture, onBytes });
  } catch (err) {
    throw withContext(`reading layer ${index} (${shortDigest(layer.digest)})`, err);
  }
}
