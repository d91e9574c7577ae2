import type { Image, ImageLayer } from "../model/image.js";
import { withContext } from "../model/errors.js";
import { mergeLayers, type MergedTree } from "../filetree/merge.js";
import { readLayer, type LayerRead } from "../tar/read-layer.js";
import { shortDigest } from "../sources/verify.js";

export interface ScanOptions {
  /** Layers read at once; two cores decompress two layers in parallel (default 2). */
  concurrency?: number;
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
  let next = 0;
  const worker = async () => {
    while (next < image.layers.length) {
      const i = next++;
      reads[i] = await readOne(image.layers[i], i, options);
      options.onLayerDone?.(i);
    }
  };
  const concurrency = Math.max(1, options.concurrency ?? 2);
  await Promise.all(Array.from({ length: Math.min(concurrency, image.layers.length) }, worker));
  return { image, layers: reads, tree: mergeLayers(reads.map((r) => r.entries)) };
}

async function readOne(layer: ImageLayer, index: number, options: ScanOptions): Promise<LayerRead> {
  try {
    return await readLayer(await layer.open(), {
      diffId: layer.diffId,
      capture: options.capture,
      onBytes: options.onLayerBytes && ((n) => options.onLayerBytes!(index, n)),
    });
  } catch (err) {
    throw withContext(`reading layer ${index} (${shortDigest(layer.digest)})`, err);
  }
}
