import { describe, expect, it } from "vitest";
import type { LayerEntry } from "../tar/layer-entry.js";
import { whiteoutOf } from "../tar/layer-entry.js";
import { lookup, mergeLayers } from "./merge.js";
import { pathOf, walk } from "./node.js";

/** `"a/b=5"` is a 5-byte file, `"d/"` a directory, `".wh.x"` / `".wh..wh..opq"` whiteouts. */
function layer(...specs: string[]): LayerEntry[] {
  return specs.map((spec) => {
    const [path, size] = spec.split("=");
    const base = { mode: 0o644, uid: 0, gid: 0, size: 0 };
    if (path.endsWith("/")) return { ...base, path: path.slice(0, -1), kind: "dir" };
    const wh = whiteoutOf(path);
    if (wh && wh !== "internal") return { ...base, path: wh.target, kind: wh.kind };
    return { ...base, path, kind: "file", size: Number(size ?? 0) };
  });
}

function visible(layers: LayerEntry[][]): Record<string, number> {
  const out: Record<string, number> = {};
  walk(mergeLayers(layers).root, (n) => {
    if (n.entry?.kind === "file") out[pathOf(n)] = n.entry.size;
  });
  return out;
}

function hidden(layers: LayerEntry[][]) {
  return mergeLayers(layers)
    .hidden.map((h) => `${h.kind} ${h.path} ${h.size}B x${h.files} L${h.layer}->L${h.hiddenBy}`)
    .sort();
}

describe("mergeLayers (OCI image-spec whiteouts)", () => {
  const cases: {
    name: string;
    layers: LayerEntry[][];
    visible: Record<string, number>;
    hidden: string[];
  }[] = [
    {
      name: "a later file overwrites an earlier one",
      layers: [layer("a=10"), layer("a=3")],
      visible: { a: 3 },
      hidden: ["shadowed a 10B x1 L0->L1"],
    },
    {
      name: "a file whiteout deletes the file",
      layers: [layer("d/", "d/f=7", "d/g=1"), layer(".wh.x", "d/.wh.f")],
      visible: { "d/g": 1 },
      hidden: ["deleted d/f 7B x1 L0->L1"],
    },
    {
      name: "a directory whiteout deletes everything below it, grouped by writer layer",
      layers: [layer("d/", "d/a=4", "d/s/", "d/s/b=6"), layer("d/c=5"), layer(".wh.d")],
      visible: {},
      hidden: ["deleted d/ 10B x2 L0->L2", "deleted d/ 5B x1 L1->L2"],
    },
    {
      name: "an opaque directory hides lower content but keeps its own layer's files, whatever the tar order",
      layers: [layer("d/", "d/old=9", "d/keep=1"), layer("d/new=2", "d/.wh..wh..opq", "d/")],
      visible: { "d/new": 2 },
      hidden: ["deleted d/keep 1B x1 L0->L1", "deleted d/old 9B x1 L0->L1"],
    },
    {
      name: "a whiteout does not delete a file of its own layer",
      layers: [layer("a=1"), layer("b=2", ".wh.b")],
      visible: { a: 1, b: 2 },
      hidden: [],
    },
    {
      name: "a file replacing a directory hides the directory's files",
      layers: [layer("x/", "x/y=8"), layer("x=1")],
      visible: { x: 1 },
      hidden: ["shadowed x/ 8B x1 L0->L1"],
    },
    {
      name: "a directory replacing a file hides the file",
      layers: [layer("x=4"), layer("x/", "x/z=2")],
      visible: { "x/z": 2 },
      hidden: ["shadowed x 4B x1 L0->L1"],
    },
    {
      name: "a path under a former file implies a directory",
      layers: [layer("x=4"), layer("x/z=2")],
      visible: { "x/z": 2 },
      hidden: ["shadowed x 4B x1 L0->L1"],
    },
    {
      name: "re-created after deletion, only the old copy is waste",
      layers: [layer("a=5"), layer(".wh.a"), layer("a=6")],
      visible: { a: 6 },
      hidden: ["deleted a 5B x1 L0->L1"],
    },
    {
      name: "a directory entry repeated in a later layer merges, it does not hide",
      layers: [layer("d/", "d/a=3"), layer("d/", "d/b=4")],
      visible: { "d/a": 3, "d/b": 4 },
      hidden: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(visible(c.layers)).toEqual(c.visible);
      expect(hidden(c.layers)).toEqual(c.hidden.sort());
    });
  }

  it("keeps Σ layer bytes = visible + hidden bytes", () => {
    const layers = [
      layer("d/", "d/a=4", "d/b=6", "e=3"),
      layer("d/.wh..wh..opq", "d/c=2", "e=1"),
      layer(".wh.d", "f=9"),
    ];
    const tree = mergeLayers(layers);
    const total = layers.flat().reduce((s, e) => s + e.size, 0);
    const vis = Object.values(visible(layers)).reduce((a, b) => a + b, 0);
    expect(vis + tree.hidden.reduce((s, h) => s + h.size, 0)).toBe(total);
  });

  it("counts added, modified and deleted entries per layer, and keeps per-path history", () => {
    const tree = mergeLayers([layer("a=1", "b=1"), layer("a=2", "c=1", ".wh.b")]);
    expect(tree.counts).toEqual([
      { added: 2, modified: 0, deleted: 0 },
      { added: 1, modified: 1, deleted: 1 },
    ]);
    expect(lookup(tree.root, "a")!.history).toEqual([
      { layer: 0, action: "added" },
      { layer: 1, action: "modified" },
    ]);
  });
});
