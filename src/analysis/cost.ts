import type { ImageReport } from "../model/report.js";

/**
 * What an image costs to store and ship. Every input has a documented default; the units
 * are those cloud bills use: decimal gigabytes (1 GB = 10⁹ bytes) and megabits per second.
 * Pull time is transfer time only (the guide's "1 GB at 100 Mbit/s ≈ 80 s"); unpacking
 * adds to it, more for bigger images, so the estimate is a floor.
 */
export interface CostInputs {
  /** Registry storage price, per GB-month (default 0.10: ECR, Artifact Registry and ACR list 0.10 or close). */
  storagePricePerGBMonth: number;
  /** Image versions (tags) kept in the registry (default 10). */
  tagsRetained: number;
  /** Price of moving one GB to a node (default 0.09: a first-tier internet egress rate; 0 inside a free zone). */
  egressPricePerGB: number;
  /** Nodes that pull the image on each deploy (default 50, the guide's cluster). */
  nodes: number;
  /** Deploys per month (default 20: one per working day). */
  deploysPerMonth: number;
  /** Download bandwidth of one node, in Mbit/s (default 100, as in the guide). */
  bandwidthMbps: number;
}

export const DEFAULT_COST_INPUTS: Readonly<CostInputs> = Object.freeze({
  storagePricePerGBMonth: 0.1,
  tagsRetained: 10,
  egressPricePerGB: 0.09,
  nodes: 50,
  deploysPerMonth: 20,
  bandwidthMbps: 100,
});

export const GB = 1e9;

/** The image as the cost model sees it: stored (compressed) bytes, and those a node already has. */
export interface CostSubject {
  compressedBytes: number;
  /**
   * Compressed bytes of layers every node already holds (a shared base image, or the
   * layers two versions have in common). Stored once, never pulled again on deploy.
   */
  sharedBytes?: number;
}

export interface CostEstimate {
  inputs: CostInputs;
  compressedBytes: number;
  sharedBytes: number;
  storage: { bytes: number; monthly: number };
  egress: { bytesPerDeploy: number; bytesPerMonth: number; monthly: number };
  /** Seconds for one node to pull the whole image, and only the layers it lacks. */
  pull: { coldSeconds: number; warmSeconds: number };
  monthly: number;
}

/**
 * An analysed image as the cost model sees it: the layers of its base image (the boundary
 * read from history) are the ones nodes already hold and the registry stores once.
 */
export function costSubjectOf(report: ImageReport): CostSubject {
  const base = report.base?.baseLayers ?? 0;
  const sharedBytes = report.layers.slice(0, base).reduce((s, l) => s + l.compressedSize, 0);
  return { compressedBytes: report.size.compressed, sharedBytes };
}

/** Cost of one image under the given inputs (defaults filled in). */
export function estimateCost(subject: CostSubject, inputs: Partial<CostInputs> = {}): CostEstimate {
  const i: CostInputs = { ...DEFAULT_COST_INPUTS, ...inputs };
  const compressed = subject.compressedBytes;
  const shared = Math.min(subject.sharedBytes ?? 0, compressed);
  const unique = compressed - shared;
  // Tags share their common layers in a registry: shared bytes are stored once, the rest per tag.
  const storageBytes = shared + unique * i.tagsRetained;
  const perDeploy = unique * i.nodes;
  const perMonth = perDeploy * i.deploysPerMonth;
  const storage = (storageBytes / GB) * i.storagePricePerGBMonth;
  const egress = (perMonth / GB) * i.egressPricePerGB;
  return {
    inputs: i,
    compressedBytes: compressed,
    sharedBytes: shared,
    storage: { bytes: storageBytes, monthly: storage },
    egress: { bytesPerDeploy: perDeploy, bytesPerMonth: perMonth, monthly: egress },
    pull: {
      coldSeconds: pullSeconds(compressed, i.bandwidthMbps),
      warmSeconds: pullSeconds(unique, i.bandwidthMbps),
    },
    monthly: storage + egress,
  };
}

/** Seconds to move `bytes` at `mbps` megabits per second. */
export function pullSeconds(bytes: number, mbps: number): number {
  return (bytes * 8) / (mbps * 1e6);
}

export interface CostComparison {
  before: CostEstimate;
  after: CostEstimate;
  /** after − before, per month (negative is a saving). */
  monthlyDelta: number;
  /** Fraction saved per month, 0..1 (negative when the new image costs more); null when before is free. */
  saving: number | null;
}

/** Cost of moving from one image to another under the same inputs. */
export function compareCost(
  before: CostSubject,
  after: CostSubject,
  inputs: Partial<CostInputs> = {},
): CostComparison {
  const b = estimateCost(before, inputs);
  const a = estimateCost(after, inputs);
  return {
    before: b,
    after: a,
    monthlyDelta: a.monthly - b.monthly,
    saving: b.monthly === 0 ? null : 1 - a.monthly / b.monthly,
  };
}

/** Checks user-supplied inputs: every value finite and non-negative, counts whole, bandwidth positive. */
export function costInputProblems(inputs: Partial<CostInputs>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(inputs) as [keyof CostInputs, number][]) {
    if (!Number.isFinite(value) || value < 0)
      problems.push(`${key} must be a non-negative number, got ${value}`);
    else if ((key === "nodes" || key === "tagsRetained") && !Number.isInteger(value))
      problems.push(`${key} must be a whole number, got ${value}`);
    else if (key === "bandwidthMbps" && value === 0) problems.push("bandwidthMbps must be above 0");
  }
  return problems;
}
