import type { Severity } from "./finding.js";

/** One image of a fleet report (a manifest; several tags may point at it). */
export interface FleetImageRow {
  repository: string;
  tags: string[];
  platform?: string;
  manifestDigest: string;
  created?: string;
  /** Compressed bytes a node pulls for this image when it has none of its layers. */
  pullBytes: number;
  uncompressedBytes: number;
  /** Bytes written by a layer and hidden by a later one (the analyzer's exact waste). */
  reclaimableBytes: number;
  layers: number;
  base: string;
  findings: number;
}

export interface FleetLayerRow {
  digest: string;
  compressedSize: number;
  uncompressedSize: number;
  /** Images (manifests) that use the layer, and the repositories they live in. */
  images: number;
  repositories: string[];
  createdBy: string;
}

/** Two distinct layers that hold (nearly) the same files. */
export interface NearDuplicate {
  a: string;
  b: string;
  /** `same-content`: one diff ID stored under two digests (recompressed); `similar`: most bytes in common. */
  kind: "same-content" | "similar";
  /** Bytes of identical files (same path, same content) the two layers share. */
  sharedBytes: number;
  /** sharedBytes over the larger layer's file bytes. */
  similarity: number;
}

/** Images that start from one base family, and what moving them all to one base would save. */
export interface FleetBase {
  name: string;
  family: string;
  images: number;
  /** Distinct stacks of base layers (a stack = the base layers' digests, in order). */
  variants: { layers: string[]; bytes: number; images: number }[];
  /** Compressed bytes of base layers the registry stores, and a node pulls, beyond the most used variant. */
  consolidationSavesBytes: number;
}

export interface FleetFindingRow {
  rule: string;
  severity: Severity;
  images: number;
  bytes: number;
  /** Up to five of the images affected (`repo:tag`). */
  examples: string[];
}

/** The result of `ballast scan`: a registry seen as a whole. */
export interface FleetReport {
  schemaVersion: 1;
  registry: string;
  scanned: { repositories: number; tags: number; images: number; failed: number };
  storage: {
    /** Σ over images of their layers' compressed sizes: what storing every image alone would take. */
    referencedBytes: number;
    /** Σ over distinct layer digests: what the registry stores (configs and manifests left out). */
    uniqueBytes: number;
    distinctLayers: number;
    /** Layers used by two images or more, and the compressed bytes of those layers. */
    sharedLayers: number;
    sharedLayerBytes: number;
  };
  reclaimableBytes: number;
  images: FleetImageRow[];
  layers: FleetLayerRow[];
  nearDuplicates: NearDuplicate[];
  bases: FleetBase[];
  findings: FleetFindingRow[];
  cost: {
    storageMonthly: number;
    /** Egress of one deploy cycle per repository's newest image, as the single-image cost model counts it. */
    egressMonthly: number;
    monthly: number;
    inputs: Record<string, number>;
  };
  errors: { subject: string; error: string }[];
  /** Lists cut by --top: how many rows each list left out (totals above are always exact). */
  truncated: { images: number; layers: number; nearDuplicates: number; findings: number };
  read: { layersRead: number; layerBytesRead: number; storeHits: number };
}
