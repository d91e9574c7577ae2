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
  /** Digest of the content identical in every path: `sha256:…` below 64 KiB, else `blake3:…`. */
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
  /** Base image, runtimes and the suggested runtime base (filled when analyze runs the detectors). */
  base?: BaseImageReport;
}

/** A language runtime found in the image. */
export interface RuntimeInfo {
  name: "python" | "node" | "java" | "go" | "dotnet" | "ruby" | "php";
  /** Version as precise as the evidence allows ("3.11.2", "17"); absent when unknown. */
  version?: string;
  /** The executable or directory that proves it. */
  path: string;
  /** Where the version came from: an ENV like PYTHON_VERSION, a package database, a file or directory name. */
  source: "env" | "package" | "path" | "file";
  /** Java: a JDK (javac present) rather than a JRE. */
  jdk?: boolean;
  layer: number;
}

/** A runtime base image suggested instead of the current one (docs/guide.md tables). */
export interface BaseRecommendation {
  /** What the suggestion is for: a language, or the kind of native program found. */
  target: string;
  /** Suggested images, best first. */
  images: { ref: string; size?: string; shell: boolean; libc: "glibc" | "musl" | "none" }[];
  why: string;
  /** Bytes the current base layers take, which the switch replaces. */
  currentBaseBytes: number;
  /**
   * Expected size after the switch, where docs/guide.md gives the suggested base's size: that size
   * plus the files your COPY/ADD layers put in the image.
   */
  expectedSize?: string;
  /** What the first suggestion removes compared to the current image (shell, package manager…). */
  removes: string[];
  warnings: string[];
}

/** The program the image starts (Entrypoint, else Cmd), as read from its first bytes. */
export interface EntrypointInfo {
  argv0: string;
  /** Where it resolved in the image (through PATH and symlinks). */
  path?: string;
  kind: "elf" | "script" | "missing" | "unreadable";
  /** CMD/ENTRYPOINT in shell form (`/bin/sh -c …`): the image needs a shell to start. */
  shellForm: boolean;
  /** ELF PT_INTERP, or a script's #! interpreter. */
  interpreter?: string;
  linkage?: "static" | "dynamic";
  libc?: "glibc" | "musl" | "none" | "unknown";
  language?: "go" | "rust";
  goVersion?: string;
}

/** Base image identification: distribution, boundary between base and user layers, runtimes. */
export interface BaseImageReport {
  kind:
    | "debian"
    | "ubuntu"
    | "alpine"
    | "wolfi"
    | "chainguard"
    | "distroless"
    | "busybox"
    | "rhel"
    | "suse"
    | "scratch"
    | "other";
  distro: { id: string; versionId?: string; prettyName?: string } | null;
  family: "debian" | "alpine" | "wolfi" | "rhel" | "suse" | "none" | "other";
  /** Layers that came with the base image; findings in them have `origin: "base"`. */
  baseLayers: number;
  baseLayersSource:
    "flag" | "buildah" | "buildkit" | "base-cmd" | "foreign-tool" | "created-gap" | "none";
  /** Regular-file bytes of the base layers and of the layers on top (Σ of each layer's tar entries). */
  baseBytes: number;
  userBytes: number;
  libc: "glibc" | "musl" | "none";
  libcVersion?: string;
  shell: boolean;
  packageManagers: string[];
  packages: { format: "dpkg" | "apk" | "rpm" | null; count: number; partial: boolean };
  runtimes: RuntimeInfo[];
  entrypoint?: EntrypointInfo;
  recommendation: BaseRecommendation | null;
}
