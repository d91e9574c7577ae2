/** A path one layer wrote (`analyze --layer N`). */
export interface LayerFileChange {
  /** Absolute path in the image. */
  path: string;
  kind: "file" | "dir" | "symlink" | "hardlink" | "other";
  /** Bytes of a regular file (0 for every other kind). */
  size: number;
  /** Permission bits (setuid, setgid and sticky included). */
  mode: number;
  uid: number;
  gid: number;
  link?: string;
  /** A modified path: the layer and size of the version this one replaced. */
  previous?: { layer: number; size: number };
  /** This version is no longer visible: the later layer that overwrote or deleted it. */
  hiddenBy?: number;
}

/** A path one layer deleted (whiteout) or cleared (opaque directory). */
export interface LayerDeletion {
  path: string;
  /** Regular-file bytes under the path just below this layer, and their count. */
  size: number;
  files: number;
}

/** What one layer changed: the entries behind its added/modified/deleted counts. */
export interface LayerFilesReport {
  layer: number;
  added: LayerFileChange[];
  modified: LayerFileChange[];
  deleted: LayerDeletion[];
  /** Directories whose lower contents this layer hid with an opaque marker. */
  opaque: LayerDeletion[];
}
