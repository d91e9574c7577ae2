import type { Finding } from "../model/finding.js";
import type { ImageReport, LayerReport } from "../model/report.js";
import { compareCost, costSubjectOf, type CostComparison, type CostInputs } from "./cost.js";
import { diffPackages, type PackageChanges } from "./diff-packages.js";
import { readPackages } from "./packages/index.js";
import { findingsOnlyIn } from "./gate.js";
import type { ImageScan } from "./scan.js";
import { diffPaths, type PathChange } from "./diff-paths.js";

export { globMatcher, type PathChange } from "./diff-paths.js";

/** One side of a diff: the scan (for paths and package databases) and its report (for totals). */
export interface DiffSide {
  scan: ImageScan;
  report: ImageReport;
}

export interface DiffOptions {
  /** Path globs ("/usr/share/doc/**", "*.pyc"); only matching paths are listed and totalled. */
  include?: string[];
  cost?: Partial<CostInputs>;
}

export interface SharedLayer {
  before: number;
  after: number;
  diffId: string;
  /** Same stored blob too (same compression), so a registry or node dedupes it as is. */
  sameBlob: boolean;
  compressedSize: number;
  size: number;
  createdBy: string;
}

export type LayerSummary = Pick<
  LayerReport,
  "index" | "digest" | "diffId" | "compressedSize" | "size" | "createdBy"
>;

export interface Delta {
  before: number;
  after: number;
  delta: number;
}

/** The result of `ballast diff`, serialised as JSON; its shape is documented by schema/diff.schema.json. */
export interface ImageDiff {
  schemaVersion: 1;
  before: DiffImage;
  after: DiffImage;
  size: {
    compressed: Delta;
    uncompressed: Delta;
    visible: Delta;
    files: Delta;
    reclaimable: Delta;
    layers: Delta;
  };
  layers: {
    shared: SharedLayer[];
    /** Bottom layers the two images have in common, in order: the shared base a node already holds. */
    sharedBase: { layers: number; compressedSize: number; size: number };
    removed: LayerSummary[];
    added: LayerSummary[];
  };
  paths: {
    include?: string[];
    added: PathChange[];
    removed: PathChange[];
    changed: PathChange[];
    totals: {
      added: { count: number; bytes: number };
      removed: { count: number; bytes: number };
      changed: { count: number; delta: number };
    };
    /** Directories (up to three levels deep) whose contents changed most, by net bytes. */
    directories: { path: string; delta: number; paths: number }[];
  };
  packages?: PackageChanges;
  /** By rule: rules that stopped firing, rules that started, and rules firing in both. */
  findings: { fixed: Finding[]; introduced: Finding[]; remaining: RemainingFinding[] };
  cost: CostComparison & { upgrade: { pullBytes: number; pullSeconds: number } };
}

export interface RemainingFinding {
  rule: string;
  severity: Finding["severity"];
  before: { count: number; bytes: number };
  after: { count: number; bytes: number };
}

export interface DiffImage {
  reference: string;
  configDigest: string;
  manifestDigest?: string;
}

/** Compares two analysed images: layers by digest, files by path and content digest, packages, findings, cost. */
export function diffImages(
  before: DiffSide,
  after: DiffSide,
  options: DiffOptions = {},
): ImageDiff {
  const a = before.report;
  const b = after.report;
  const layers = diffLayers(a.layers, b.layers);
  const paths = diffPaths(before.scan.tree.root, after.scan.tree.root, options.include);
  const packages = diffPackages(
    readPackages(before.scan.tree.root),
    readPackages(after.scan.tree.root),
  );
  const cost = compareCost(costSubjectOf(a), costSubjectOf(b), options.cost);
  const pullBytes = b.size.compressed - layers.sharedBase.compressedSize;
  return {
    schemaVersion: 1,
    before: side(a),
    after: side(b),
    size: {
      compressed: delta(a.size.compressed, b.size.compressed),
      uncompressed: delta(a.size.uncompressed, b.size.uncompressed),
      visible: delta(a.size.visible, b.size.visible),
      files: delta(a.size.files, b.size.files),
      reclaimable: delta(a.waste.reclaimable, b.waste.reclaimable),
      layers: delta(a.layerCount, b.layerCount),
    },
    layers,
    paths,
    ...(packages ? { packages } : {}),
    findings: {
      fixed: findingsOnlyIn(a.findings, b.findings),
      introduced: findingsOnlyIn(b.findings, a.findings),
      remaining: remainingFindings(a.findings, b.findings),
    },
    cost: {
      ...cost,
      upgrade: {
        pullBytes,
        pullSeconds: (pullBytes * 8) / (cost.after.inputs.bandwidthMbps * 1e6),
      },
    },
  };
}

function remainingFindings(a: Finding[], b: Finding[]): RemainingFinding[] {
  const tally = (list: Finding[], rule: string) => {
    const hits = list.filter((f) => f.rule === rule);
    return { count: hits.length, bytes: hits.reduce((s, f) => s + (f.bytes ?? 0), 0) };
  };
  const rules = [...new Set(a.map((f) => f.rule))].filter((r) => b.some((f) => f.rule === r));
  return rules.map((rule) => ({
    rule,
    severity: b.find((f) => f.rule === rule)!.severity,
    before: tally(a, rule),
    after: tally(b, rule),
  }));
}

const delta = (before: number, after: number): Delta => ({ before, after, delta: after - before });

const side = (r: ImageReport): DiffImage => ({
  reference: r.image.reference,
  configDigest: r.image.configDigest,
  ...(r.image.manifestDigest ? { manifestDigest: r.image.manifestDigest } : {}),
});

const summary = (l: LayerReport): LayerSummary => ({
  index: l.index,
  digest: l.digest,
  diffId: l.diffId,
  compressedSize: l.compressedSize,
  size: l.size,
  createdBy: l.createdBy,
});

/**
 * Layers match by diff ID (the digest of the uncompressed tar), so an image stored with
 * gzip and the same image saved uncompressed still share their layers; `sameBlob` tells
 * whether the stored blobs are identical as well.
 */
function diffLayers(before: LayerReport[], after: LayerReport[]): ImageDiff["layers"] {
  const unused = new Map<string, LayerReport[]>();
  for (const l of before) unused.set(l.diffId, [...(unused.get(l.diffId) ?? []), l]);
  const shared: SharedLayer[] = [];
  const added: LayerSummary[] = [];
  for (const l of after) {
    const match = unused.get(l.diffId)?.shift();
    if (!match) added.push(summary(l));
    else
      shared.push({
        before: match.index,
        after: l.index,
        diffId: l.diffId,
        sameBlob: match.digest === l.digest,
        compressedSize: l.compressedSize,
        size: l.size,
        createdBy: l.createdBy,
      });
  }
  const matched = new Set(shared.map((s) => s.before));
  // A layer is reused by a node only with the same stack below it (its chain ID), hence a prefix.
  let base = 0;
  while (base < before.length && base < after.length && before[base].diffId === after[base].diffId)
    base++;
  const baseLayers = after.slice(0, base);
  return {
    shared,
    sharedBase: {
      layers: base,
      compressedSize: baseLayers.reduce((s, l) => s + l.compressedSize, 0),
      size: baseLayers.reduce((s, l) => s + l.size, 0),
    },
    removed: before.filter((l) => !matched.has(l.index)).map(summary),
    added,
  };
}
