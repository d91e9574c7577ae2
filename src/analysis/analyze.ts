import type { Image } from "../model/image.js";
import type { Finding } from "../model/finding.js";
import type { BaseImageReport, ImageReport, LayerReport } from "../model/report.js";
import { historyPerLayer } from "../model/history.js";
import { summarizeTree } from "./contents.js";
import { diveMetrics } from "./dive.js";
import { scanImage, type ImageScan, type ScanOptions } from "./scan.js";
import { wasteReport } from "./waste.js";

export interface AnalyzeOptions extends ScanOptions {
  /** How many largest files and directories to list (default 20). */
  top?: number;
  /** Image detectors run over the scan (leftovers, attack surface…); their findings go in the report. */
  detectors?: ((scan: ImageScan, options?: { baseLayers?: number }) => Finding[])[];
  /** Layers that belong to the base image, overriding the boundary read from history (`--base-layers`). */
  baseLayers?: number;
  /** Fills `report.base` (base image, runtimes, recommendation); see analysis/findings/describe.ts. */
  describeBase?: (scan: ImageScan, baseLayers?: number) => BaseImageReport;
}

/** Reads an image once and computes sizes, exact waste, duplicates and dive's metrics. */
export async function analyzeImage(
  image: Image,
  options: AnalyzeOptions = {},
): Promise<ImageReport> {
  const scan = await scanImage(image, options);
  return buildReport(scan, options);
}

export function buildReport(scan: ImageScan, options: AnalyzeOptions = {}): ImageReport {
  const { image, layers: reads, tree } = scan;
  const top = options.top ?? 20;
  const history = historyPerLayer(image.config);
  const createdBy = history.map((h) => h?.created_by ?? "");
  const contents = summarizeTree(tree.root, reads.length, top);
  const visible = contents.visible;
  const layerSizes = reads.map((r) => r.entries.reduce((sum, e) => sum + e.size, 0));
  const layers: LayerReport[] = image.layers.map((l, i) => ({
    index: i,
    digest: l.digest,
    diffId: l.diffId,
    mediaType: l.mediaType,
    compression: reads[i].compression,
    ...(reads[i].estargz ? { estargz: true } : {}),
    compressedSize: l.size,
    size: layerSizes[i],
    createdBy: createdBy[i],
    ...(history[i]?.created ? { created: history[i]!.created } : {}),
    ...tree.counts[i],
    visibleBytes: visible.perLayer[i],
  }));
  const c = image.config.config ?? {};
  return {
    schemaVersion: 1,
    image: {
      reference: image.reference,
      transport: image.transport,
      ...(image.manifestDigest ? { manifestDigest: image.manifestDigest } : {}),
      manifestMediaType: image.manifestMediaType,
      configDigest: image.configDigest,
      os: image.config.os,
      architecture: image.config.architecture,
      ...(image.config.variant ? { variant: image.config.variant } : {}),
      ...(image.config.created ? { created: image.config.created } : {}),
      user: c.User ?? "",
      entrypoint: c.Entrypoint ?? null,
      cmd: c.Cmd ?? null,
      ...(c.WorkingDir ? { workingDir: c.WorkingDir } : {}),
      env: c.Env ?? [],
      exposedPorts: Object.keys(c.ExposedPorts ?? {}),
      labels: c.Labels ?? {},
    },
    size: {
      compressed: image.layers.reduce((s, l) => s + l.size, 0),
      uncompressed: layerSizes.reduce((a, b) => a + b, 0),
      visible: visible.total,
      files: visible.files,
    },
    layerCount: layers.length,
    layers,
    waste: wasteReport(tree.hidden, createdBy),
    duplicates: contents.duplicates,
    largestFiles: contents.largestFiles,
    largestDirectories: contents.largestDirectories,
    dive:
      scan.dive?.report(layerSizes) ??
      diveMetrics(
        reads.map((r) => r.entries),
        tree.whiteoutSizes,
        layerSizes,
      ),
    findings: (options.detectors ?? []).flatMap((detect) =>
      detect(scan, { baseLayers: options.baseLayers }),
    ),
    ...(options.describeBase ? { base: options.describeBase(scan, options.baseLayers) } : {}),
  };
}
