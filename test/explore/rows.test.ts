import { describe, expect, it } from "vitest";
import { RowIndex, type SortKey } from "../../src/explore/rows.js";
import { computeView } from "../../src/explore/tree-view.js";
import type { LayerEntry } from "../../src/tar/layer-entry.js";
import { sampleData } from "./fixture.js";

/** A deterministic pseudo-random tree: 3 layers of files under nested directories. */
function randomLayers(seed: number): LayerEntry[][] {
  let x = seed;
  const rand = (n: number) => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
  return [0, 1, 2].map(() =>
    Array.from({ length: 300 }, () => {
      const depth = 1 + rand(5);
      const path = Array.from({ length: depth }, () => `d${rand(4)}`).join("/") + `/f${rand(50)}`;
      const whiteout = rand(15) === 0;
      return {
        path: whiteout ? path.slice(0, path.lastIndexOf("/")) : path,
        kind: whiteout ? ("whiteout" as const) : ("file" as const),
        size: whiteout ? 0 : 1 + rand(10000),
        mode: 0o644,
        uid: 0,
        gid: 0,
      };
    }),
  );
}

describe("RowIndex: the visible rows without a flattened list", () => {
  it.each([
    [1, "size"],
    [2, "name"],
    [3, "size"],
  ] as [number, SortKey][])(
    "agrees with a plain depth-first walk (seed %i, by %s)",
    (seed, sort) => {
      const data = sampleData({ layers: randomLayers(seed) });
      const t = data.tree;
      const view = computeView(data, { layer: 1, aggregated: true, only: 0 });
      const expanded = new Uint8Array(t.size).map((_, i) => (i % 3 === 0 ? 0 : 1));
      let rows = RowIndex.build(t, view, sort, expanded);
      // Toggle some directories through the incremental path as well.
      for (let i = 1; i < t.size; i += 7) rows = rows.withExpanded(i, !rows.expanded[i]);
      const naive: number[] = [];
      const stack = [...rows.children(0)].reverse();
      while (stack.length) {
        const n = stack.pop()!;
        naive.push(n);
        if (rows.expanded[n]) stack.push(...[...rows.children(n)].reverse());
      }
      expect(rows.total).toBe(naive.length);
      expect(rows.rows(0, naive.length).map((r) => r.node)).toEqual(naive);
      for (const from of [1, 17, Math.floor(naive.length / 2), naive.length - 3])
        expect(rows.rows(from, 5).map((r) => r.node)).toEqual(naive.slice(from, from + 5));
      naive.forEach((n, row) => expect(rows.rowOf(n)).toBe(row));
      if (sort === "size")
        for (const list of [rows.children(0), rows.children(naive[0])])
          for (let i = 1; i < list.length; i++)
            expect(view.size[list[i - 1]]).toBeGreaterThanOrEqual(view.size[list[i]]);
    },
  );
});
