import type { Image, ImageLayer } from "../model/image.js";
import { withContext } from "../model/errors.js";
import { shortDigest } from "../model/digest.js";
import { readLayer, type LayerRead } from "../tar/read-layer.js";
import { captureMatcher, type CaptureList } from "../analysis/capture.js";
import { LayerMerger } from "../filetree/merge.js";
import { DiveCounter } from "../analysis/dive.js";
import type { ImageScan } from "../analysis/scan.js";
import { decodeLayerSummary, encodeLayerSummary, type LayerSummary } from "./layer-codec.js";
import type { FleetStore } from "./store.js";

/** Counters a scan reports: what was read from the registry and what the store answered. */
export interface ReadStats {
  layersRead: number;
  layerBytesRead: number;
  storeHits: number;
}

export const emptyStats = (): ReadStats => ({ layersRead: 0, layerBytesRead: 0, storeHits: 0 });

/** Reads one layer from its source (verified as every read is) and stores its summary. */
export async function readAndStore(
  layer: ImageLayer,
  capture: CaptureList,
  store: FleetStore,
  stats: ReadStats,
): Promise<LayerSummary> {
  let read: LayerRead;
  try {
    read = await readLayer(await layer.open(), {
      diffId: layer.diffId,
      capture: captureMatcher(capture),
      onBytes: (n) => (stats.layerBytesRead += n),
    });
  } catch (err) {
    throw withContext(`reading layer ${shortDigest(layer.digest)}`, err);
  }
  stats.layersRead++;
  const summary: LayerSummary = { read, capturedPaths: [...capture.paths].sort() };
  await store.put("layer", layer.digest, encodeLayerSummary(summary));
  return summary;
}

/** The stored summary of a layer, or undefined when absent or unreadable (then it is read again). */
export async function storedSummary(
  store: FleetStore,
  digest: string,
): Promise<LayerSummary | undefined> {
  const bytes = await store.get("layer", digest);
  if (!bytes) return undefined;
  try {
    return decodeLayerSummary(bytes, `stored layer ${shortDigest(digest)}`);
  } catch {
    return undefined;
  }
}

/**
 * Whether a stored summary can serve an image: every program path of the image that the
 * layer holds as a regular file must have been captured (another image sharing the layer
 * may have started a different program, so its read kept other first bytes).
 */
export function servesCapture(summary: LayerSummary, capture: CaptureList): boolean {
  const captured = new Set(summary.capturedPaths);
  const missing = capture.paths.filter((p) => !captured.has(p));
  if (missing.length === 0) return true;
  const wanted = new Set(missing);
  return !summary.read.entries.some((e) => e.kind === "file" && wanted.has(e.path));
}

/** A summary that serves this image: from the store when it can, else read (and stored). */
export async function summaryFor(
  layer: ImageLayer,
  capture: CaptureList,
  store: FleetStore,
  stats: ReadStats,
): Promise<LayerSummary> {
  const stored = await storedSummary(store, layer.digest);
  if (stored && servesCapture(stored, capture)) {
    stats.storeHits++;
    return stored;
  }
  const union = stored
    ? { ...capture, paths: [...new Set([...capture.paths, ...stored.capturedPaths])] }
    : capture;
  return readAndStore(layer, union, store, stats);
}

/** An image's scan assembled from layer reads, merged bottom-up as scanImage merges them. */
export function scanFromReads(image: Image, reads: LayerRead[]): ImageScan {
  const merger = new LayerMerger();
  const dive = new DiveCounter();
  reads.forEach((read, i) => {
    merger.add(read.entries);
    dive.add(read.entries, merger.tree.whiteoutSizes.get(i));
  });
  return { image, layers: reads, tree: merger.tree, dive };
}
