import { describe, expect, it } from "vitest";
import { mergeLayers } from "../../src/filetree/merge.js";
import { sizeTree, type SizeTree } from "../../src/analysis/size-tree.js";
import type { LayerEntry } from "../../src/tar/layer-entry.js";

const file = (path: string, size: number): LayerEntry => ({
  path,
  kind: "file",
  size,
  mode: 0o644,
  uid: 0,
  gid: 0,
});
const count = (t: SizeTree): number => 1 + (t.children ?? []).reduce((s, c) => s + count(c), 0);
const sumsHold = (t: SizeTree): boolean =>
  !t.children?.length ||
  (t.children.reduce((s, c) => s + c.size, 0) === t.size && t.children.every(sumsHold));

// 1 MB in /big/a, 400 kB in /big/b, and 200 files of 10 bytes in /small: 1,402,000 bytes.
const layers = [
  [
    file("big/a", 1_000_000),
    file("big/b", 400_000),
    ...Array.from({ length: 200 }, (_, i) => file(`small/f${i}`, 10)),
  ],
];
const root = mergeLayers(layers).root;

describe("sizeTree", () => {
  it("keeps big entries, folds small ones into one node, and sizes still add up", () => {
    const t = sizeTree(root, { minShare: 0.001 });
    expect(t.size).toBe(1_402_000);
    expect(t.files).toBe(202);
    expect(t.children!.map((c) => [c.name, c.size])).toEqual([
      ["big", 1_400_000],
      ["small", 2000],
    ]);
    // 10-byte files are below 0.1 % of the image: folded.
    expect(t.children![1].children).toEqual([
      { name: "(200 smaller items)", size: 2000, files: 200 },
    ]);
    expect(sumsHold(t)).toBe(true);
  });

  it("never exceeds the node budget (plus one fold node per directory)", () => {
    const t = sizeTree(root, { minShare: 0, maxNodes: 10 });
    expect(count(t)).toBeLessThanOrEqual(1 + 10 + 3);
    expect(sumsHold(t)).toBe(true);
    expect(t.size).toBe(1_402_000);
  });
});
