import type { LayerEntry } from "../tar/layer-entry.js";
import type { TarHeaderDetails } from "../tar/tar-parser.js";

/** A layer entry with what a tar writer needs to write it again. */
export interface SlimEntry extends LayerEntry {
  /** Index of the layer the entry came from. */
  layer: number;
  details: TarHeaderDetails;
  /** Where a regular file's body starts in the spool; -1 when it was not spooled. */
  spoolAt: number;
  /** For a hardlink: the regular file whose content it shares, when that file was seen. */
  linkTo: SlimEntry | undefined;
}

/** Layer entries read for slimming, and the opaque directories the layer declared. */
export interface SlimLayer {
  entries: SlimEntry[];
  /** Paths of directories the layer marked opaque (`.wh..wh..opq`). */
  opaque: string[];
  tarBytes: number;
  compression: import("../tar/compression.js").Compression;
}
