import { describe, expect, it } from "vitest";
import { buildLayerTree, findNode, nodePath } from "../../src/filetree/layer-tree.js";
import { stateAt } from "../../src/filetree/layer-state.js";
import { layerFiles } from "../../src/analysis/layer-files.js";
import { mergeLayers } from "../../src/filetree/merge.js";
import { wasteReport } from "../../src/analysis/waste.js";
import { layer } from "../findings/image.js";
import { SAMPLE } from "./fixture.js";

const tree = buildLayerTree(SAMPLE.layers);

describe("the per-path history of every layer", () => {
  it("numbers nodes in preorder with children by name", () => {
    const paths = Array.from({ length: tree.size }, (_, i) => nodePath(tree, i));
    expect(paths.slice(0, 6)).toEqual([
      "/",
      "/app",
      "/app/data.bin",
      "/app/new.txt",
      "/etc",
      "/etc/hostname",
    ]);
    for (let i = 1; i < tree.size; i++) expect(tree.parent[i]).toBeLessThan(i);
  });

  it("reads the filesystem after any layer: whiteouts, opaque directories, overwrites", () => {
    const present = (l: number) => {
      const s = stateAt(tree, l);
      return ["/var/lib/apt/lists/big", "/tmp/cache/x", "/tmp/cache", "/app/new.txt"].map(
        (p) => s.present[findNode(tree, p)],
      );
    };
    expect(present(0)).toEqual([1, 0, 0, 0]);
    // tmp/cache has no entry of its own: it exists through its files (2 = implied).
    expect(present(1)).toEqual([1, 1, 2, 0]);
    expect(present(2)).toEqual([0, 0, 0, 1]);
  });
});

describe("layerFiles (analyze --layer N)", () => {
  it("lists what each layer added, modified and deleted, hand-checked", () => {
    const l0 = layerFiles(tree, 0);
    expect(l0.added.map((f) => [f.path, f.size, f.hiddenBy])).toEqual([
      ["/var/lib/apt/lists/big", 5000, 2],
      ["/app/data.bin", 1000, 1],
      ["/usr/bin/sh", 100, undefined],
      ["/etc/hostname", 4, undefined],
    ]);
    const l1 = layerFiles(tree, 1);
    expect(l1.modified).toEqual([
      {
        path: "/app/data.bin",
        kind: "file",
        size: 1200,
        mode: 0o644,
        uid: 1000,
        gid: 1000,
        previous: { layer: 0, size: 1000 },
      },
    ]);
    expect(l1.added.find((f) => f.path === "/usr/bin/su")?.mode).toBe(0o4755);
    const l2 = layerFiles(tree, 2);
    expect(l2.deleted).toEqual([{ path: "/var/lib/apt/lists", size: 5000, files: 1 }]);
    expect(l2.opaque).toEqual([{ path: "/tmp/cache", size: 500, files: 2 }]);
    expect(l2.added.map((f) => f.path)).toEqual(["/app/new.txt"]);
  });

  it("agrees with the merge: the same counts per layer, and the hidden bytes sum to its waste", () => {
    const layers = [
      ...SAMPLE.layers,
      layer({ "app/data.bin": { size: 7 }, "usr/bin": { kind: "whiteout" }, "usr/bin/sh": "x" }),
      layer({ app: { size: 3 }, "etc/hostname": { kind: "whiteout" }, "etc/hostname/x": "y" }),
    ];
    const merged = mergeLayers(layers);
    const t = buildLayerTree(layers);
    let hidden = 0;
    layers.forEach((_, i) => {
      const f = layerFiles(t, i);
      expect([f.added.length, f.modified.length, f.deleted.length], `layer ${i}`).toEqual([
        merged.counts[i].added,
        merged.counts[i].modified,
        merged.counts[i].deleted,
      ]);
      for (const c of [...f.added, ...f.modified]) if (c.hiddenBy !== undefined) hidden += c.size;
    });
    expect(hidden).toBe(wasteReport(merged.hidden, []).reclaimable);
  });
});
