import { availableParallelism } from "node:os";
import type { Image } from "../model/image.js";
import { withContext } from "../model/errors.js";
import { LayerMerger, type MergedTree } from "../filetree/merge.js";
import { readLayer, type LayerRead } from "../tar/read-layer.js";
import { shortDigest } from "../model/digest.js";
import { LayerWorkers } from "./worker-pool.js";
import { DiveCounter } from "./dive.js";
import { captureMatcher, type CaptureList } from "./capture.js";
import { canReadSync } from "./read-layer-file.js";

export interface ScanOptions {
  /** Layers read at once; two cores decompress two layers in parallel (default 2). */
  concurrency?: number;
  /**
   * Read layers in worker threads: "auto" (default) uses them for images whose blobs total
   * at least 64 MB, so that decompressing, hashing and parsing run on every core while this
   * thread merges (see workerRoute for which layers); true sends every layer to a worker.
   * A capture given as a function cannot be sent to a worker and keeps the scan here.
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
  const capture = options.capture;
  const match = typeof capture === "object" ? captureMatcher(capture) : capture;
  // Layers finish out of order; each is merged as soon as every layer below it is in.
  const merger = new LayerMerger();
  const dive = new DiveCounter();
  const mergeReady = () => {
    for (let i = merger.tree.counts.length; i < reads.length && reads[i]; i++) {
      merger.add(reads[i].entries);
      dive.add(reads[i].entries, merger.tree.whiteoutSizes.get(i));
    }
  };
  // Biggest blobs first, so that the last layer read is a small one and the lanes end
  // together (longest-processing-time-first scheduling); the merge restores the order.
  const order = image.layers
    .map((_, i) => i)
    .sort((a, b) => image.layers[b].size - image.layers[a].size || a - b);
  // The first failure stops every lane at once (the pool then stops the streams).
  let failure: Error | undefined;
  let stop!: (err: Error) => void;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  stopped.catch(() => undefined); // raced by every lane below
  let next = 0;
  const lane = async () => {
    const inWorker = pool?.lane();
    const queued: Promise<void>[] = [];
    while (next < order.length && !failure) {
      const i = order[next++];
      const layer = image.layers[i];
      const done = (read: LayerRead) => {
        reads[i] = read;
        options.onLayerDone?.(i);
        mergeReady();
      };
      const fail = (err: unknown) => {
        if (failure) return;
        failure = withContext(`reading layer ${i} (${shortDigest(layer.digest)})`, err);
        stop(failure);
      };
      const onBytes = options.onLayerBytes && ((n: number) => options.onLayerBytes!(i, n));
      if (inWorker && typeof capture !== "function") {
        // The worker reads this layer while the lane opens the next one.
        const job = inWorker(layer, capture, onBytes);
        // A cached copy that fails (damaged, gone) is dropped, and the layer read from its source.
        const read = layer.dropFile
          ? job.result.catch(() => (layer.dropFile!(), inWorker(layer, capture, onBytes).result))
          : job.result;
        queued.push(read.then(done, fail));
        await Promise.race([job.handedOver, stopped]);
      } else {
        const read = layer
          .open()
          .then((blob) => readLayer(blob, { diffId: layer.diffId, capture: match, onBytes }));
        await Promise.race([read.then(done, fail), stopped]);
      }
    }
    await Promise.race([Promise.all(queued), stopped]);
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    pool?.close();
  }
  return { image, layers: reads, tree: merger.tree, dive };
}

const WORKER_THRESHOLD = 64e6;

/**
 * Whether workers read the layers: on two cores or more, for images of 64 MB of blobs or
 * more, where every compression can be decoded synchronously (read-layer-file.ts). Each
 * worker then decompresses, hashes and parses with nothing in between, so two workers keep
 * two cores busy while this thread fetches and merges: the 1 GB gzip bench image takes
 * 2.9–3.2 s so, against 3.4–3.7 s inflating on the zlib pool with this thread parsing.
 */
function useWorkers(image: Image, options: ScanOptions): boolean {
  if (options.workers === false || (options.concurrency ?? 2) < 2) return false;
  if (typeof options.capture === "function" || !canReadSync()) return false;
  if (options.workers === true) return true;
  const blobs = image.layers.reduce((s, l) => s + l.size, 0);
  return availableParallelism() >= 2 && blobs >= WORKER_THRESHOLD;
}
