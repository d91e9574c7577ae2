import { describe, expect, it } from "vitest";
import {
  compareCost,
  costInputProblems,
  estimateCost,
  pullSeconds,
} from "../../src/analysis/cost.js";

const GB1 = 1_000_000_000;
const MB50 = 50_000_000;

// docs/guide.md "Why size matters": the numbers the cost model must reproduce.
describe("docs/guide.md#why-size-matters table", () => {
  it("pull time at 100 Mbit/s: 1 GB ≈ 80 s, 50 MB ≈ 4 s", () => {
    expect(pullSeconds(GB1, 100)).toBe(80);
    expect(pullSeconds(MB50, 100)).toBe(4);
    expect(estimateCost({ compressedBytes: GB1 }).pull.coldSeconds).toBe(80);
  });

  it("registry storage for 100 images: 100 GB vs 5 GB, a 95 % saving", () => {
    const c = compareCost(
      { compressedBytes: GB1 },
      { compressedBytes: MB50 },
      { tagsRetained: 100, egressPricePerGB: 0 },
    );
    expect(c.before.storage.bytes).toBe(100 * GB1);
    expect(c.after.storage.bytes).toBe(5 * GB1);
    expect(c.saving).toBeCloseTo(0.95, 12);
  });

  it("deploy bandwidth: 1 GB vs 50 MB per node", () => {
    const one = { nodes: 1, deploysPerMonth: 1 };
    expect(estimateCost({ compressedBytes: GB1 }, one).egress.bytesPerDeploy).toBe(GB1);
    expect(estimateCost({ compressedBytes: MB50 }, one).egress.bytesPerDeploy).toBe(MB50);
  });
});

describe("estimateCost", () => {
  it("defaults: 10 tags × 1 GB at 0.10 = 1.00/month storage; 50 nodes × 20 deploys × 1 GB at 0.09 = 90.00/month egress", () => {
    const e = estimateCost({ compressedBytes: GB1 });
    expect(e.storage.monthly).toBeCloseTo(1.0, 10);
    expect(e.egress.bytesPerMonth).toBe(1000 * GB1);
    expect(e.egress.monthly).toBeCloseTo(90, 10);
    expect(e.monthly).toBeCloseTo(91, 10);
  });

  it("layers a node already has are stored once and not pulled again", () => {
    // 900 MB of shared base, 100 MB of the app's own layers.
    const e = estimateCost(
      { compressedBytes: GB1, sharedBytes: 900_000_000 },
      { tagsRetained: 10, nodes: 2, deploysPerMonth: 3 },
    );
    expect(e.storage.bytes).toBe(900_000_000 + 10 * 100_000_000);
    expect(e.egress.bytesPerDeploy).toBe(2 * 100_000_000);
    expect(e.egress.bytesPerMonth).toBe(6 * 100_000_000);
    expect(e.pull).toEqual({ coldSeconds: 80, warmSeconds: 8 });
  });

  it("shared bytes never exceed the image", () => {
    expect(estimateCost({ compressedBytes: 10, sharedBytes: 50 }).sharedBytes).toBe(10);
  });

  it("a bigger image costs more: negative saving", () => {
    expect(compareCost({ compressedBytes: MB50 }, { compressedBytes: GB1 }).saving).toBeLessThan(0);
    expect(compareCost({ compressedBytes: 0 }, { compressedBytes: GB1 }).saving).toBeNull();
  });
});

describe("costInputProblems", () => {
  it("accepts sane inputs and reports each bad one", () => {
    expect(
      costInputProblems({ nodes: 3, bandwidthMbps: 1000, storagePricePerGBMonth: 0.026 }),
    ).toEqual([]);
    expect(
      costInputProblems({
        nodes: 2.5,
        bandwidthMbps: 0,
        egressPricePerGB: -1,
        tagsRetained: Number.NaN,
      }),
    ).toEqual([
      "nodes must be a whole number, got 2.5",
      "bandwidthMbps must be above 0",
      "egressPricePerGB must be a non-negative number, got -1",
      "tagsRetained must be a non-negative number, got NaN",
    ]);
  });
});
