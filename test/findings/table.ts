import { describe, expect, it } from "vitest";
import type { ImageDetector } from "../../src/analysis/findings/detector.js";
import { detect, layer, type FakeImage, type Spec } from "./image.js";

export interface PathTable {
  /** Paths the detector must count (each written as a 100-byte file in one layer). */
  hit: string[];
  /** Paths it must ignore. */
  miss: string[];
}

/** Table test for a path-based detector: every `hit` path is counted, no `miss` path is. */
export function pathTable(
  detector: ImageDetector,
  table: PathTable,
  content?: (path: string) => Spec,
  /** Other files the image holds beside `path` (a .pyc's source). */
  companions: (path: string) => Record<string, Spec> = () => ({}),
): void {
  describe(`${detector.id} paths`, () => {
    for (const path of table.hit) {
      it(`counts ${path}`, () => {
        const entries = layer({ [path]: content?.(path) ?? { size: 100 }, ...companions(path) });
        const found = detect(detector, { layers: [entries] });
        expect(found).toHaveLength(1);
        expect(found[0].bytes).toBe(entries[0].size);
      });
    }
    for (const path of table.miss) {
      it(`ignores ${path}`, () => {
        expect(
          detect(detector, {
            layers: [layer({ [path]: content?.(path) ?? { size: 100 }, ...companions(path) })],
          }),
        ).toEqual([]);
      });
    }
  });
}

export type { FakeImage };
