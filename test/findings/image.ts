import type { ImageConfig, HistoryEntry } from "../../src/model/image.js";
import type { LayerEntry } from "../../src/tar/layer-entry.js";
import { mergeLayers } from "../../src/filetree/merge.js";
import type { ImageScan } from "../../src/analysis/scan.js";
import { capturedPath } from "../../src/analysis/findings/index.js";
import type { Finding } from "../../src/model/finding.js";
import type { ImageDetector } from "../../src/analysis/findings/detector.js";

/** A test entry: file content, a size for big files, or an explicit entry shape. */
export type Spec =
  | string
  | Buffer
  | { size: number; mode?: number; uid?: number; gid?: number }
  | { kind: "dir" | "symlink" | "hardlink" | "whiteout" | "opaque"; mode?: number; link?: string }
  | { content: string | Buffer; mode?: number; uid?: number; gid?: number };

/**
 * One layer from `{path: spec}`; files keep their content only when the real scan would
 * (capturedPath), so detectors see what they would see on an image.
 */
export function layer(spec: Record<string, Spec>): LayerEntry[] {
  return Object.entries(spec).map(([name, s]) => {
    const path = name.replace(/\/+$/, "");
    const base = { path, mode: 0o644, uid: 0, gid: 0, size: 0 };
    if (typeof s === "string" || Buffer.isBuffer(s)) s = { content: s };
    if ("kind" in s)
      return {
        ...base,
        mode: s.mode ?? (s.kind === "dir" ? 0o755 : 0o777),
        kind: s.kind,
        ...(s.link ? { link: s.link } : {}),
      };
    if ("size" in s)
      return {
        ...base,
        kind: "file",
        size: s.size,
        mode: s.mode ?? 0o644,
        uid: s.uid ?? 0,
        gid: s.gid ?? 0,
      };
    const body = Buffer.from(s.content);
    return {
      ...base,
      kind: "file",
      size: body.length,
      mode: s.mode ?? 0o644,
      uid: s.uid ?? 0,
      gid: s.gid ?? 0,
      ...(capturedPath(path) && body.length ? { content: body.subarray(0, 1 << 20) } : {}),
    };
  });
}

export interface FakeImage {
  layers: LayerEntry[][];
  /** One created_by per layer (default `/bin/sh -c step N`), or full history entries. */
  history?: (string | HistoryEntry)[];
  config?: NonNullable<ImageConfig["config"]>;
}

/** An ImageScan built in memory, without tar: what detectors receive from scanImage. */
export function fakeScan(img: FakeImage): ImageScan {
  const history: HistoryEntry[] = (
    img.history ?? img.layers.map((_, i) => `/bin/sh -c step ${i}`)
  ).map((h) => (typeof h === "string" ? { created_by: h } : h));
  const config: ImageConfig = {
    architecture: "amd64",
    os: "linux",
    config: img.config ?? { User: "65532" },
    rootfs: {
      type: "layers",
      diff_ids: img.layers.map((_, i) => `sha256:${String(i).padStart(64, "0")}`),
    },
    history,
  };
  return {
    image: {
      reference: "test",
      transport: "oci",
      manifestMediaType: "application/vnd.oci.image.manifest.v1+json",
      configDigest: "sha256:" + "c".repeat(64),
      config,
      layers: [],
      close: async () => {},
    },
    layers: img.layers.map((entries) => ({
      compression: "none" as const,
      estargz: false,
      entries,
      tarBytes: 0,
    })),
    tree: mergeLayers(img.layers),
  };
}

/** Runs one detector over a fake image. */
export function detect(detector: ImageDetector, img: FakeImage, baseLayers?: number): Finding[] {
  return detector(fakeScan(img), { baseLayers });
}
