import { gunzipSync, gzipSync } from "node:zlib";
import type { Image, Platform } from "../model/image.js";
import type { ImageReport } from "../model/report.js";
import type { ImageScan } from "../analysis/scan.js";
import type { CaptureList } from "../analysis/capture.js";
import type { OpenOptions } from "../sources/options.js";
import { RegistryClient } from "../sources/registry/client.js";
import { parseReference } from "../sources/registry/reference.js";
import { listRepositories, listTags, type CatalogFilter } from "./catalog.js";
import { mergeTags, resolveTag, type FleetImage } from "./targets.js";
import { emptyStats, scanFromReads, summaryFor, type ReadStats } from "./layers.js";
import type { FleetStore } from "./store.js";
import { InputError } from "../model/errors.js";
import { mapLimit } from "./limit.js";

/** How one image's report is made from its scan: the CLI passes detectors and history lint. */
export type ImageAnalyzer = (scan: ImageScan) => Promise<ImageReport>;
/** Which files a scan of this image must capture (captureFor of analysis/findings). */
export type CapturePlanner = (config: Image["config"]) => CaptureList;

export interface FleetScanOptions {
  /** Registry host (and port) as in image references: `127.0.0.1:5000`, `ghcr.io`. */
  registry: string;
  /** Repositories named on the command line; otherwise the catalog lists them. */
  repositories?: string[];
  filter?: CatalogFilter;
  /** Only images whose config says they were created at or after this time. */
  since?: Date;
  platform?: Platform;
  open: OpenOptions;
  store: FleetStore;
  analyze: ImageAnalyzer;
  capture: CapturePlanner;
  /** Runs layer reads and image reports elsewhere (BullMQ workers); default: in this process. */
  runner?: FleetRunner;
  /** Images scanned at once in this process (default 2: two cores). */
  concurrency?: number;
  onImage?: (image: FleetImage, index: number, total: number) => void;
}

/** One image of the fleet with its report, or the error that kept it out. */
export interface FleetEntry extends FleetImage {
  report?: ImageReport;
  error?: string;
  /** Left out by --since (created before it, or no creation time). */
  skipped?: boolean;
}

export interface FleetScan {
  registry: string;
  entries: FleetEntry[];
  stats: ReadStats;
  /** Errors that concern a repository or tag as a whole (listing, manifest). */
  errors: { subject: string; error: string }[];
}

/** Where the work of a scan runs: a queue of workers, given the images it must report. */
export interface FleetRunner {
  run(images: FleetImage[], stats: ReadStats): Promise<FleetEntry[]>;
}

/** Lists the registry's images (catalog → tags → manifests) with the filters applied. */
export async function listFleet(
  options: FleetScanOptions,
): Promise<{ images: FleetImage[]; errors: FleetScan["errors"] }> {
  const errors: FleetScan["errors"] = [];
  const filter = {
    ...options.filter,
    onInvalid: (what: string, name: string) =>
      errors.push({ subject: JSON.stringify(name), error: `not a valid ${what} name; skipped` }),
  };
  const clientFor = (repository: string) =>
    new RegistryClient(parseReference(`${options.registry}/${repository}`), {
      ...options.open,
      env: options.open.env ?? process.env,
    });
  let repositories = options.repositories;
  if (!repositories?.length) {
    const catalog = clientFor("catalog");
    try {
      repositories = await listRepositories(catalog, filter);
    } finally {
      await catalog.close();
    }
  }
  // Repositories four at a time, each one's tags eight at a time, results in listing order.
  const perRepository = await mapLimit(repositories, 4, async (repository) => {
    const client = clientFor(repository);
    try {
      const tags = await listTags(client, repository, filter);
      const resolved = await mapLimit(tags, 8, (tag) =>
        resolveTag(client, options.registry, repository, tag, options.platform).catch((err) => {
          errors.push({ subject: `${repository}:${tag}`, error: message(err) });
          return [];
        }),
      );
      return resolved.flat();
    } catch (err) {
      errors.push({ subject: repository, error: message(err) });
      return [];
    } finally {
      await client.close();
    }
  });
  const images = perRepository.flat();
  errors.sort((a, b) => a.subject.localeCompare(b.subject));
  // Nothing listed and something failed: the registry itself is the problem (exit 2), not an
  // empty fleet to report as such.
  if (images.length === 0 && errors.length > 0)
    throw new InputError(`${errors[0]!.subject}: ${errors[0]!.error}`);
  return { images: mergeTags(images), errors };
}

/** Scans a registry: each distinct layer is read once, each image's report assembled from the store. */
export async function scanFleet(options: FleetScanOptions): Promise<FleetScan> {
  const { images, errors } = await listFleet(options);
  const stats = emptyStats();
  const entries = options.runner
    ? await options.runner.run(images, stats)
    : await inProcess(images, options, stats);
  return { registry: options.registry, entries: entries.filter((e) => !e.skipped), stats, errors };
}

/** Images two at a time; a layer two images share is read by whichever asks first, once. */
async function inProcess(
  images: FleetImage[],
  options: FleetScanOptions,
  stats: ReadStats,
): Promise<FleetEntry[]> {
  const entries = new Array<FleetEntry>(images.length);
  const inFlight = new Map<string, Promise<unknown>>();
  let next = 0;
  const lane = async () => {
    while (next < images.length) {
      const i = next++;
      options.onImage?.(images[i]!, i, images.length);
      entries[i] = await reportImage(images[i]!, options, stats, inFlight);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, lane));
  return entries;
}

/**
 * One image's report: from the store when an earlier scan (or another repository holding the
 * same manifest) made it, else assembled from its layers' summaries. Failures stay with the image.
 */
export async function reportImage(
  target: FleetImage,
  options: Pick<FleetScanOptions, "open" | "store" | "analyze" | "capture" | "since">,
  stats: ReadStats,
  inFlight = new Map<string, Promise<unknown>>(),
): Promise<FleetEntry> {
  try {
    const key = `image ${target.manifestDigest}`;
    let pending = inFlight.get(key) as Promise<ImageReport | "old"> | undefined;
    if (!pending) {
      pending = imageReport(target, options, stats, inFlight);
      inFlight.set(key, pending);
    }
    const report = await pending;
    const since = options.since?.getTime();
    if (
      report === "old" ||
      (since !== undefined && !(Date.parse(report.image.created ?? "") >= since))
    )
      return { ...target, skipped: true };
    // The same manifest in another repository: same content, its own reference.
    return { ...target, report: { ...report, image: { ...report.image, reference: target.ref } } };
  } catch (err) {
    return { ...target, error: message(err) };
  }
}

async function imageReport(
  target: FleetImage,
  options: Pick<FleetScanOptions, "open" | "store" | "analyze" | "capture" | "since">,
  stats: ReadStats,
  inFlight: Map<string, Promise<unknown>>,
): Promise<ImageReport | "old"> {
  const stored = await options.store.get("image", target.manifestDigest);
  if (stored) {
    try {
      return JSON.parse(gunzipSync(stored).toString("utf8")) as ImageReport;
    } catch {
      // A damaged entry is made again.
    }
  }
  const { openRegistryImage } = await import("../sources/registry/image.js");
  const image = await openRegistryImage(target.ref, options.open);
  try {
    // Checked before any layer is read: an old image costs one manifest and one config.
    if (options.since && !(Date.parse(image.config.created ?? "") >= options.since.getTime()))
      return "old";
    const capture = options.capture(image.config);
    const reads = [];
    for (const layer of image.layers) {
      // A layer being read for another image is awaited, then served by the store.
      const key = `layer ${layer.digest}`;
      while (inFlight.has(key)) await inFlight.get(key)!.catch(() => undefined);
      const pending = summaryFor(layer, capture, options.store, stats);
      inFlight.set(key, pending);
      try {
        reads.push((await pending).read);
      } finally {
        inFlight.delete(key);
      }
    }
    const report = await options.analyze(scanFromReads(image, reads));
    await options.store.put("image", target.manifestDigest, gzipSync(JSON.stringify(report)));
    return report;
  } finally {
    await image.close();
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
