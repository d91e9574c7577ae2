import type { Digest } from "./image.js";
import type { Finding } from "./finding.js";

/** Per-layer facts. Sizes are bytes; `size` is the sum of regular-file sizes in the layer tar. */
export interface LayerReport {
  index: number;
  digest: Digest;
  diffId: Digest;
  mediaType: string;
  /** Compression found by sniffing the blob's magic bytes (not trusted from mediaType). */
  compression: "gzip" | "zstd" | "none";
  /** A gzip layer in eStargz form (its TOC is not counted as a file). */
  estargz?: boolean;
  compressedSize: number;
  size: number;
  /** The instruction that created the layer (history aligned to layers), if known. */
  createdBy: string;
  created?: string;
  /** Tar entries in the layer: new paths, paths replacing lower ones, whiteouts. */
  added: number;
  modified: number;
  deleted: number;
  /** Bytes of this layer still visible in the final filesystem. */
  visibleBytes: number;
}

/** Bytes written by one layer and hidden by a later one. */
export interface WasteItem {
  /** The overwritten file, or the deleted file/directory (directories end in "/"). */
  path: string;
  size: number;
  /** Number of regular files behind `size` (more than one for a deleted directory). */
  files: number;
  /** Layer that wrote the bytes, and its instruction. */
  layer: number;
  createdBy: string;
  /** Layer that overwrote or deleted them, and its instruction. */
  hiddenBy: number;
  hiddenByCreatedBy: string;
  kind: "shadowed" | "deleted";
}

export interface WasteReport {
  /** Σ layer bytes − bytes visible in the final filesystem. */
  reclaimable: number;
  shadowed: number;
  deleted: number;
  items: WasteItem[];
}

export interface DuplicateGroup {
  size: number;
  /** Bytes of content identical in every path (sha256 of the file). */
  digest: string;
  paths: string[];
}

export interface DiveReport {
  efficiency: number;
  sizeBytes: number;
  userSizeBytes: number;
  wastedBytes: number;
  /** null where dive divides by zero (single-layer images). */
  userWastedPercent: number | null;
  inefficientFiles: { path: string; count: number; size: number }[];
}

export interface PathSize {
  path: string;
  size: number;
  layer?: number;
  files?: number;
}

/** The result of `ballast analyze`, rendered by every reporter and serialised as JSON. */
export interface ImageReport {
  schemaVersion: 1;
  image: {
    reference: string;
    transport: string;
    manifestDigest?: Digest;
    manifestMediaType: string;
    configDigest: Digest;
    os: string;
    architecture: string;
    variant?: string;
    created?: string;
    user: string;
    entrypoint: string[] | null;
    cmd: string[] | null;
    workingDir?: string;
    env: string[];
    exposedPorts: string[];
    labels: Record<string, string>;
  };
  size: { compressed: number; uncompressed: number; visible: number; files: number };
  layerCount: number;
  layers: LayerReport[];
  waste: WasteReport;
  duplicates: { bytes: number; groups: DuplicateGroup[] };
  largestFiles: PathSize[];
  largestDirectories: PathSize[];
  dive: DiveReport;
  findings: Finding[];
}
