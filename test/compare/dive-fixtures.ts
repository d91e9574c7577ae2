import { fileURLToPath } from "node:url";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import type { ImageReport } from "../../src/model/report.js";

/** dive's test images, in the shared folder beside the repository (read-only). */
export const DIVE_DIR = fileURLToPath(new URL("../fixtures/dive/", import.meta.url));
export const diveFixture = (name: string): string => `${DIVE_DIR}${name}`;

const cache = new Map<string, Promise<ImageReport>>();

/** Analyses one of dive's images once per test file. */
export function analyzeDiveImage(name: string): Promise<ImageReport> {
  let report = cache.get(name);
  if (!report) {
    report = openImage(diveFixture(name)).then(async (image) => {
      try {
        return await analyzeImage(image);
      } finally {
        await image.close();
      }
    });
    cache.set(name, report);
  }
  return report;
}
