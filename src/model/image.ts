import type { Readable } from "node:stream";

/** A content address such as `sha256:<64 hex>` (OCI image spec, descriptor.md). */
export type Digest = string;

/** An OCI content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** One `history` entry of an image config. */
export interface HistoryEntry {
  created?: string;
  created_by?: string;
  comment?: string;
  author?: string;
  empty_layer?: boolean;
}

/** The parts of an OCI / Docker image config that ballast reads. */
export interface ImageConfig {
  architecture: string;
  os: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    ExposedPorts?: Record<string, object>;
    Labels?: Record<string, string> | null;
  };
  rootfs: { type: string; diff_ids: Digest[] };
  history?: HistoryEntry[];
}

/**
 * One layer of an image. `open()` streams the blob exactly as stored (usually compressed),
 * already checked against `digest`: the stream errors if the bytes do not match.
 * It may be called again; each call starts a new stream.
 */
export interface ImageLayer {
  digest: Digest;
  diffId: Digest;
  mediaType: string;
  /** Size of the stored blob in bytes (compressed size for compressed layers). */
  size: number;
  open(): Promise<Readable>;
  /**
   * Where the blob lies verbatim in a local file, when it does: worker threads then read it
   * themselves instead of receiving it through the main thread.
   */
  file?: LayerFile;
  /**
   * Present when `file` is only a cached copy (the registry's layer cache): drops it, after
   * which `open()` fetches the blob from its source. A scan calls it when reading the copy
   * failed (damaged, or gone), and reads the layer again.
   */
  dropFile?(): void;
}

/** A blob stored as bytes `offset … offset + size` of a local file. */
export interface LayerFile {
  path: string;
  offset: number;
  /** The digest to verify the bytes against, when the source verifies this blob. */
  verify?: Digest;
  /** How errors name the blob ("layer blobs/sha256/ab12…"). */
  label: string;
}

/** A lazily-read image: config and manifest are parsed, layer content is streamed on demand. */
export interface Image {
  /** The reference the user gave, normalised (e.g. `oci:/path:tag`). */
  reference: string;
  /** Which transport produced it: docker-archive, oci, oci-archive, docker, docker-daemon, podman. */
  transport: string;
  manifestDigest?: Digest;
  manifestMediaType: string;
  configDigest: Digest;
  config: ImageConfig;
  layers: ImageLayer[];
  /** What the source read past but a user should know (a config not named by its hash). */
  warnings?: string[];
  /** Releases file handles or connections held by the source. */
  close(): Promise<void>;
}
