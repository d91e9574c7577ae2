import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  parseDiveCi,
  validateGateSettings,
  DIVE_DEFAULTS,
  type GateSettings,
} from "../../src/analysis/gate-config.js";
import { evaluateGates, type GateStatus } from "../../src/analysis/gate.js";
import { analyzeDiveImage, diveFixture } from "./dive-fixtures.js";

const statusOf = (settings: GateSettings, name = "test-docker-image.tar") =>
  analyzeDiveImage(name).then((report) => {
    const outcome = evaluateGates(report, validateGateSettings(settings));
    const dive = Object.fromEntries(
      outcome.results.filter((r) => r.rule in DIVE_DEFAULTS).map((r) => [r.rule, r.status]),
    );
    return { pass: outcome.pass, dive: dive as Record<string, GateStatus>, outcome };
  });

const settings = (e: string, b: string, p: string): GateSettings => ({
  lowestEfficiency: e,
  highestWastedBytes: b,
  highestUserWastedPercent: p,
});

// dive's evaluator cases on its own test image (runtime/ci/evaluator_test.go); the image
// measures efficiency 0.98442, 32025 wasted bytes, 0.48349 of user bytes wasted.
describe("dive's evaluator cases on test-docker-image.tar", () => {
  it("0.99 / 1B / 0.01: all three fail", async () => {
    const { pass, dive } = await statusOf(settings("0.99", "1B", "0.01"));
    expect(pass).toBe(false);
    expect(dive).toEqual({
      lowestEfficiency: "FAIL",
      highestWastedBytes: "FAIL",
      highestUserWastedPercent: "FAIL",
    });
  });

  it("0.9 / 50kB / 0.5: all three pass", async () => {
    const { pass, dive } = await statusOf(settings("0.9", "50kB", "0.5"));
    expect(pass).toBe(true);
    expect(dive).toEqual({
      lowestEfficiency: "PASS",
      highestWastedBytes: "PASS",
      highestUserWastedPercent: "PASS",
    });
  });

  it("0.9 / 1B / 0.5: only wasted bytes fails", async () => {
    const { pass, dive, outcome } = await statusOf(settings("0.9", "1B", "0.5"));
    expect(pass).toBe(false);
    expect(dive).toEqual({
      lowestEfficiency: "PASS",
      highestWastedBytes: "FAIL",
      highestUserWastedPercent: "PASS",
    });
    expect(outcome.results.find((r) => r.rule === "highestWastedBytes")?.message).toBe(
      "too many bytes wasted (wasted-bytes=32025 > threshold=1)",
    );
  });

  it("all disabled: everything is skipped and the run passes", async () => {
    const { pass, dive, outcome } = await statusOf(settings("disabled", "disabled", "disabled"));
    expect(pass).toBe(true);
    expect(dive).toEqual({
      lowestEfficiency: "SKIP",
      highestWastedBytes: "SKIP",
      highestUserWastedPercent: "SKIP",
    });
    expect(outcome.tally.skip).toBe(outcome.tally.total);
  });

  it("thresholds equal to the measured values pass, as dive's strict comparisons do", async () => {
    const { dive } = await statusOf(settings("0.9844212134184309", "32025B", "0.4834911001404049"));
    expect(dive).toEqual({
      lowestEfficiency: "PASS",
      highestWastedBytes: "PASS",
      highestUserWastedPercent: "PASS",
    });
    const tighter = await statusOf(settings("0.98443", "32024", "0.48349"));
    expect(tighter.dive).toEqual({
      lowestEfficiency: "FAIL",
      highestWastedBytes: "FAIL",
      highestUserWastedPercent: "FAIL",
    });
  });

  it.each(["1.1", "-0.1", "not_a_number"])(
    "lowestEfficiency %s is a misconfiguration, not a verdict",
    (v) => {
      expect(() => validateGateSettings(settings(v, "1B", "0.5"))).toThrow(
        /CI misconfigured: lowestEfficiency/,
      );
    },
  );
  it.each(["1.1", "-0.1", "not_a_number"])(
    "highestUserWastedPercent %s is a misconfiguration",
    (v) => {
      expect(() => validateGateSettings(settings("0.9", "1B", v))).toThrow(
        /CI misconfigured: highestUserWastedPercent/,
      );
    },
  );
  it('highestWastedBytes "not_a_size" is a misconfiguration', () => {
    expect(() => validateGateSettings(settings("0.9", "not_a_size", "0.5"))).toThrow(
      /CI misconfigured: highestWastedBytes/,
    );
  });
});

describe("dive's shared .dive-ci", () => {
  const diveCi = validateGateSettings({
    ...DIVE_DEFAULTS,
    ...parseDiveCi(readFileSync(diveFixture(".dive-ci"), "utf8")),
  });
  it.each(["test-docker-image.tar", "test-kaniko-image.tar"])(
    "passes on %s, as in dive",
    async (name) => {
      const outcome = evaluateGates(await analyzeDiveImage(name), diveCi);
      expect(outcome.pass).toBe(true);
      expect(outcome.tally).toMatchObject({ pass: 3, fail: 0 });
    },
  );

  it("dive's defaults apply to keys the file leaves out (0.9 / disabled / 0.1)", async () => {
    const outcome = evaluateGates(
      await analyzeDiveImage("test-docker-image.tar"),
      validateGateSettings({ ...DIVE_DEFAULTS }),
    );
    // 0.4835 of user bytes wasted is above dive's default 0.1: dive fails this image by default.
    expect(outcome.results.map((r) => [r.rule, r.status]).slice(0, 3)).toEqual([
      ["lowestEfficiency", "PASS"],
      ["highestWastedBytes", "SKIP"],
      ["highestUserWastedPercent", "FAIL"],
    ]);
  });
});
