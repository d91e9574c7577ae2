import { availableParallelism } from "node:os";
import type { Image, ImageLayer } from "../model/image.js";
import { withContext } from "../model/errors.js";
import { LayerMerger, type MergedTree } from "../filetree/merge.js";
import { readLayer, type LayerRead } from "../tar/read-layer.js";
import { shortDigest } from "../model/digest.js";
import { LayerWorkers } from "./worker-pool.js";
import { DiveCounter } from "./dive.js";
import { captureMatcher, type CaptureList } from "./capture.js";

export interface ScanOptions {
  /** Layers read at once; two cores decompress two layers in parallel (default 2). */
  concurrency?: number;
  /**
   * Read layers in worker threads: "auto" (default) uses them on machines with 2 or more
   * cores for images whose blobs total at least 64 MB, so that decompressing, hashing and
   * parsing run on every core while this thread merges. A capture given as a function
   * cannot be sent to a worker and keeps the scan in this thread.
   */
  workers?: "auto" | boolean;
  /** Paths whose content (first 1 MiB) is kept, for detectors such as os-release. */
  capture?: CaptureList | ((path: string) => boolean);
  onLayerBytes?: (layer: number, bytes: number) => void;
  onLayerDone?: (layer: number) => void;
}

/** Everything read from an image: per-layer entries and the merged filesystem. */
export interface ImageScan {
  image: Image;
  layers: LayerRead[];
  tree: MergedTree;
  /** dive's metrics, counted as layers were merged (buildReport computes them when absent). */
  dive?: DiveCounter;
}

/** Reads every layer once (streaming, verified) and merges them. */
export async function scanImage(image: Image, options: ScanOptions = {}): Promise<ImageScan> {
  const reads = new Array<LayerRead>(image.layers.length);
  const concurrency = Math.min(Math.max(1, options.concurrency ?? 2), image.layers.length);
  const pool = useWorkers(image, options) ? new LayerWorkers() : undefined;
  // Layers finish out of order; each is merged as soon as every layer below it is in.
  const merger = new LayerMerger();
  const dive = new DiveCounter();
  const mergeReady = () => {
    for (let i = merger.tree.counts.length; i < reads.length && reads[i]; i++) {
      merger.add(reads[i].entries);
      dive.add(reads[i].entries, merger.tree.whiteoutSizes.get(i));
    }
  };
  let next = 0;
  const lane = async () => {
    while (next < image.layers.length) {
      const i = next++;
      reads[i] = await readOne(image.layers[i], i, options, pool);
      options.onLayerDone?.(i);
      mergeReady();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    await pool?.close();
  }
  return { image, layers: reads, tree: merger.tree, dive };
}

const WORKER_THRESHOLD = 64e6;

function useWorkers(image: Image, options: ScanOptions): boolean {
  if (options.workers === false || (options.concurrency ?? 2) < 2) return false;
  if (typeof options.capture === "function") return false;
  if (options.workers === true) return true;
  return (
    availableParallelism() >= 2 && image.layers.reduce((s, l) => s + l.size, 0) >= WORKER_THRESHOLD
  );
}

async function readOne(
  layer: ImageLayer,
  index: number,
  options: ScanOptions,
  pool?: LayerWorkers,
): Promise<LayerRead> {
  const onBytes = options.onLayerBytes && ((n: number) => options.onLayerBytes!(index, n));
  const capture = options.capture;
  try {
    if (pool && typeof capture !== "function") return await pool.read(layer, capture, onBytes);
    return await readLayer(await layer.open(), {
      diffId: layer.diffId,
      capture: typeof capture === "object" ? captureMatcher(capture) : capture,
      onBytes,
    });
  } catch (err) {
    throw withContext(`reading layer ${index} (${shortDigest(layer.digest)})`, err);
  }
}
