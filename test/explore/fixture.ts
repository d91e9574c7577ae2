import { buildReport } from "../../src/analysis/analyze.js";
import { exploreData, type ExploreData } from "../../src/explore/data.js";
import { initialState, type ExploreState } from "../../src/explore/state.js";
import { update, type Input } from "../../src/explore/update.js";
import { fakeScan, layer, type FakeImage } from "../findings/image.js";

/**
 * Three layers with every kind of change: a file overwritten (1000 B wasted), a directory
 * deleted by a whiteout (5000 B), a directory cleared by an opaque marker (500 B).
 */
export const SAMPLE: FakeImage = {
  layers: [
    layer({
      etc: { kind: "dir" },
      "etc/hostname": "box\n",
      "usr/bin/sh": { size: 100, mode: 0o755 },
      "var/lib/apt/lists/big": { size: 5000 },
      "app/data.bin": { size: 1000, uid: 1000, gid: 1000 },
    }),
    layer({
      "app/data.bin": { size: 1200, uid: 1000, gid: 1000 },
      "tmp/cache/x": { size: 300 },
      "tmp/cache/y": { size: 200 },
      "usr/bin/su": { size: 50, mode: 0o4755 },
    }),
    layer({
      "var/lib/apt/lists": { kind: "whiteout" },
      "tmp/cache": { kind: "opaque" },
      "app/new.txt": { size: 10 },
    }),
  ],
  history: ["COPY base /", "RUN make", "RUN rm -rf /var/lib/apt/lists"],
};

export function sampleData(img: FakeImage = SAMPLE): ExploreData {
  const scan = fakeScan(img);
  // fakeScan has no blobs; the report's layer table needs their descriptors.
  scan.image.layers = img.layers.map((entries, i) => ({
    digest: `sha256:${String(i).repeat(64).slice(0, 64)}`,
    diffId: scan.image.config.rootfs.diff_ids[i],
    mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
    size: 100 * (i + 1),
    open: () => Promise.reject(new Error("not read in explorer tests")),
  }));
  const report = buildReport(scan);
  return exploreData(
    report,
    scan.layers.map((l) => l.entries),
  );
}

/** Feeds keys (names from keys.ts) to a state. */
export function press(s: ExploreState, ...keys: Input[]): ExploreState {
  return keys.reduce(update, s);
}

export function start(width = 100, height = 30, img?: FakeImage): ExploreState {
  return initialState(sampleData(img), width, height);
}
