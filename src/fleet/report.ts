import type { ImageReport } from "../model/report.js";
import type {
  FleetBase,
  FleetFindingRow,
  FleetImageRow,
  FleetLayerRow,
  FleetReport,
  NearDuplicate,
} from "../model/fleet.js";
import {
  DEFAULT_COST_INPUTS,
  GB,
  costSubjectOf,
  estimateCost,
  type CostInputs,
} from "../analysis/cost.js";
import type { FleetEntry, FleetScan } from "./scan.js";
import type { LayerSummary } from "./layer-codec.js";

export interface FleetReportOptions {
  /** Rows per list; 0 lists everything (totals are exact either way). */
  top?: number;
  cost?: Partial<CostInputs>;
  /** Reads a layer's stored summary, for near-duplicate detection. */
  loadLayer: (digest: string) => Promise<LayerSummary | undefined>;
}

/** Two layers are near-duplicates when this share of the larger one's file bytes is identical. */
const SIMILAR = 0.9;
/** Smaller layers are left out: a few identical bytes say nothing about how images are built. */
const MIN_SHARED_BYTES = 1 << 20;
/** A file in more layers than this is a common file (a license, an empty __init__.py), not a signal. */
const MAX_LAYERS_PER_FILE = 32;

/** The fleet report: storage with and without dedup, heaviest images and layers, bases, findings, cost. */
export async function buildFleetReport(
  scan: FleetScan,
  options: FleetReportOptions,
): Promise<FleetReport> {
  const ok = scan.entries.filter((e): e is FleetEntry & { report: ImageReport } => !!e.report);
  const layerMap = collectLayers(ok);
  const layers = [...layerMap.values()].sort(
    (a, b) => b.compressedSize - a.compressedSize || a.digest.localeCompare(b.digest),
  );
  const images = ok
    .map(imageRow)
    .sort((a, b) => b.pullBytes - a.pullBytes || a.repository.localeCompare(b.repository));
  const shared = layers.filter((l) => l.images > 1);
  const nearDuplicates = await findNearDuplicates(layers, ok, options.loadLayer);
  const findings = aggregateFindings(ok);
  const cut = <T>(rows: T[]) => (options.top ? rows.slice(0, options.top) : rows);
  const repositories = new Set(scan.entries.map((e) => e.repository));
  const tags = new Set(scan.entries.flatMap((e) => e.tags.map((t) => `${e.repository}:${t}`)));
  return {
    schemaVersion: 1,
    registry: scan.registry,
    scanned: {
      repositories: repositories.size,
      tags: tags.size,
      images: scan.entries.length,
      failed: scan.entries.length - ok.length,
    },
    storage: {
      referencedBytes: ok.reduce((s, e) => s + e.report.size.compressed, 0),
      uniqueBytes: layers.reduce((s, l) => s + l.compressedSize, 0),
      distinctLayers: layers.length,
      sharedLayers: shared.length,
      sharedLayerBytes: shared.reduce((s, l) => s + l.compressedSize, 0),
    },
    reclaimableBytes: ok.reduce((s, e) => s + e.report.waste.reclaimable, 0),
    images: cut(images),
    layers: cut(layers),
    nearDuplicates: cut(nearDuplicates),
    bases: fleetBases(ok),
    findings: cut(findings),
    cost: fleetCost(ok, layers, options.cost),
    errors: [
      ...scan.errors,
      ...scan.entries
        .filter((e) => e.error)
        .map((e) => ({ subject: `${e.repository}@${e.manifestDigest}`, error: e.error! })),
    ],
    truncated: {
      images: images.length - cut(images).length,
      layers: layers.length - cut(layers).length,
      nearDuplicates: nearDuplicates.length - cut(nearDuplicates).length,
      findings: findings.length - cut(findings).length,
    },
    read: { ...scan.stats },
  };
}

const label = (e: FleetEntry) =>
  `${e.repository}:${e.tags[0] ?? e.manifestDigest.slice(0, 19)}${e.platform ? ` (${e.platform})` : ""}`;

function imageRow(e: FleetEntry & { report: ImageReport }): FleetImageRow {
  const r = e.report;
  return {
    repository: e.repository,
    tags: e.tags,
    ...(e.platform ? { platform: e.platform } : {}),
    manifestDigest: e.manifestDigest,
    ...(r.image.created ? { created: r.image.created } : {}),
    pullBytes: r.size.compressed,
    uncompressedBytes: r.size.uncompressed,
    reclaimableBytes: r.waste.reclaimable,
    layers: r.layerCount,
    base: baseName(r),
    findings: r.findings.length,
  };
}

function baseName(r: ImageReport): string {
  const b = r.base;
  if (!b) return "unknown";
  if (b.distro)
    return b.distro.prettyName ?? [b.distro.id, b.distro.versionId].filter(Boolean).join(" ");
  return b.kind;
}

function collectLayers(
  entries: (FleetEntry & { report: ImageReport })[],
): Map<string, FleetLayerRow> {
  const map = new Map<string, FleetLayerRow & { repoSet: Set<string> }>();
  for (const e of entries) {
    for (const l of new Map(e.report.layers.map((l) => [l.digest, l])).values()) {
      let row = map.get(l.digest);
      if (!row) {
        row = {
          digest: l.digest,
          compressedSize: l.compressedSize,
          uncompressedSize: l.size,
          images: 0,
          repositories: [],
          createdBy: l.createdBy,
          repoSet: new Set(),
        };
        map.set(l.digest, row);
      }
      row.images++;
      row.repoSet.add(e.repository);
    }
  }
  const out = new Map<string, FleetLayerRow>();
  for (const [digest, { repoSet, ...row }] of map)
    out.set(digest, { ...row, repositories: [...repoSet].sort() });
  return out;
}

/**
 * Near-duplicate layers: one diff ID under two digests, or two layers whose identical files
 * (same path and content digest) make up most of the larger one. Each file key lists the
 * layers that hold it, so the work is linear in files (keys held by many layers are skipped).
 */
async function findNearDuplicates(
  layers: FleetLayerRow[],
  entries: (FleetEntry & { report: ImageReport })[],
  load: FleetReportOptions["loadLayer"],
): Promise<NearDuplicate[]> {
  const out: NearDuplicate[] = [];
  const diffIds = new Map<string, string>();
  for (const e of entries)
    for (const l of e.report.layers) {
      const first = diffIds.get(l.diffId);
      if (first && first !== l.digest && !out.some((d) => d.b === l.digest && d.a === first))
        out.push({
          a: first,
          b: l.digest,
          kind: "same-content",
          sharedBytes: l.size,
          similarity: 1,
        });
      else if (!first) diffIds.set(l.diffId, l.digest);
    }
  const holders = new Map<string, number[]>();
  const fileBytes: number[] = [];
  for (let i = 0; i < layers.length; i++) {
    const summary = await load(layers[i]!.digest);
    let bytes = 0;
    for (const entry of summary?.read.entries ?? []) {
      if (entry.kind !== "file" || !entry.digest) continue;
      bytes += entry.size;
      const key = `${entry.size}:${entry.digest}:${entry.path}`;
      const list = holders.get(key);
      if (list) list.push(i);
      else holders.set(key, [i]);
    }
    fileBytes.push(bytes);
  }
  const pairBytes = new Map<string, number>();
  for (const [key, list] of holders) {
    if (list.length < 2 || list.length > MAX_LAYERS_PER_FILE) continue;
    const size = Number(key.slice(0, key.indexOf(":")));
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const pair = `${list[x]},${list[y]}`;
        pairBytes.set(pair, (pairBytes.get(pair) ?? 0) + size);
      }
  }
  const sameContent = new Set(out.map((d) => `${d.a} ${d.b}`));
  for (const [pair, shared] of pairBytes) {
    const [x, y] = pair.split(",").map(Number) as [number, number];
    const similarity = shared / Math.max(fileBytes[x]!, fileBytes[y]!, 1);
    const a = layers[x]!.digest;
    const b = layers[y]!.digest;
    if (similarity < SIMILAR || sameContent.has(`${a} ${b}`) || sameContent.has(`${b} ${a}`))
      continue;
    out.push({ a, b, kind: "similar", sharedBytes: shared, similarity });
  }
  return out.sort((p, q) => q.sharedBytes - p.sharedBytes || p.a.localeCompare(q.a));
}

/**
 * Bases in use, grouped by what identification found (distribution and version, or kind).
 * Moving every image of a group to its most used base stack would store, and let a node
 * pull, the other stacks' layers no more.
 */
function fleetBases(entries: (FleetEntry & { report: ImageReport })[]): FleetBase[] {
  const groups = new Map<
    string,
    { family: string; stacks: Map<string, FleetBase["variants"][number]> }
  >();
  for (const e of entries) {
    const r = e.report;
    const name = baseName(r);
    const count = r.base?.baseLayers ?? 0;
    const stackLayers = r.layers.slice(0, count);
    const key = stackLayers.map((l) => l.digest).join(",");
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { family: r.base?.family ?? "unknown", stacks: new Map() }));
    const stack = g.stacks.get(key);
    if (stack) stack.images++;
    else
      g.stacks.set(key, {
        layers: stackLayers.map((l) => l.digest),
        bytes: stackLayers.reduce((s, l) => s + l.compressedSize, 0),
        images: 1,
      });
  }
  const bases: FleetBase[] = [];
  for (const [name, g] of groups) {
    const variants = [...g.stacks.values()].sort(
      (a, b) => b.images - a.images || b.bytes - a.bytes,
    );
    const target = new Set(variants[0]?.layers ?? []);
    const others = new Map<string, number>();
    // A layer counts once even when several other stacks hold it.
    for (const v of variants.slice(1))
      v.layers.forEach((d, i) => {
        if (!target.has(d)) others.set(d, layerBytes(entries, d, i));
      });
    bases.push({
      name,
      family: g.family,
      images: variants.reduce((s, v) => s + v.images, 0),
      variants,
      consolidationSavesBytes: [...others.values()].reduce((a, b) => a + b, 0),
    });
  }
  return bases.sort((a, b) => b.images - a.images || a.name.localeCompare(b.name));
}

function layerBytes(
  entries: (FleetEntry & { report: ImageReport })[],
  digest: string,
  index: number,
): number {
  for (const e of entries) {
    const l = e.report.layers[index];
    if (l?.digest === digest) return l.compressedSize;
  }
  return 0;
}

function aggregateFindings(entries: (FleetEntry & { report: ImageReport })[]): FleetFindingRow[] {
  const rows = new Map<string, FleetFindingRow & { seen: Set<string> }>();
  for (const e of entries) {
    for (const f of e.report.findings) {
      let row = rows.get(f.rule);
      if (!row)
        rows.set(
          f.rule,
          (row = {
            rule: f.rule,
            severity: f.severity,
            images: 0,
            bytes: 0,
            examples: [],
            seen: new Set(),
          }),
        );
      row.bytes += f.bytes ?? 0;
      const key = `${e.repository}@${e.manifestDigest}`;
      if (row.seen.has(key)) continue;
      row.seen.add(key);
      row.images++;
      if (row.examples.length < 5) row.examples.push(label(e));
    }
  }
  return [...rows.values()]
    .map(({ seen: _seen, ...row }) => row)
    .sort((a, b) => b.images - a.images || b.bytes - a.bytes || a.rule.localeCompare(b.rule));
}

/**
 * The cost model over the fleet: storage is what the registry really holds (unique layers);
 * egress counts each repository's newest image, deployed as the single-image model assumes
 * (older tags are kept, not deployed).
 */
function fleetCost(
  entries: (FleetEntry & { report: ImageReport })[],
  layers: FleetLayerRow[],
  inputs: Partial<CostInputs> = {},
): FleetReport["cost"] {
  const i: CostInputs = { ...DEFAULT_COST_INPUTS, ...inputs };
  const newest = new Map<string, FleetEntry & { report: ImageReport }>();
  for (const e of entries) {
    const seen = newest.get(e.repository);
    if (!seen || (e.report.image.created ?? "") > (seen.report.image.created ?? ""))
      newest.set(e.repository, e);
  }
  const storageMonthly =
    (layers.reduce((s, l) => s + l.compressedSize, 0) / GB) * i.storagePricePerGBMonth;
  const egressMonthly = [...newest.values()].reduce(
    (s, e) => s + estimateCost(costSubjectOf(e.report), i).egress.monthly,
    0,
  );
  return {
    storageMonthly,
    egressMonthly,
    monthly: storageMonthly + egressMonthly,
    inputs: { ...i },
  };
}
