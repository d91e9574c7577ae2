import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diveFixture } from "./dive-fixtures.js";
import {
  GateConfigError,
  parseDiveCi,
  parseSize,
  parseTolerance,
  validateGateSettings,
} from "../../src/analysis/gate-config.js";

const DIVE_CI = diveFixture(".dive-ci");

describe("parseSize (go-humanize ParseBytes, as dive reads sizes)", () => {
  it.each([
    ["1B", 1],
    ["50kB", 50_000],
    ["20Mb", 20_000_000],
    ["20MB", 20_000_000],
    ["20MiB", 20 * 1024 * 1024],
    ["1.5 GB", 1_500_000_000],
    ["1,000", 1000],
    ["1000", 1000],
    ["2k", 2000],
    ["3Ki", 3072],
  ])("%s = %d bytes", (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(["not_a_size", "-5", "", "MB", "5 XB", "1.2.3MB"])("rejects %j", (text) =>
    expect(parseSize(text)).toBeUndefined(),
  );
});

describe("validateGateSettings", () => {
  it("reads dive's shared .dive-ci as is, ignoring plugin keys", () => {
    const settings = parseDiveCi(readFileSync(DIVE_CI, "utf8"));
    expect(settings).toEqual({
      lowestEfficiency: "0.95",
      highestWastedBytes: "20Mb",
      highestUserWastedPercent: "0.5",
    });
    expect(validateGateSettings(settings)).toEqual({
      lowestEfficiency: 0.95,
      highestWastedBytes: 20_000_000,
      highestUserWastedPercent: 0.5,
    });
  });

  it('"disabled" leaves a rule out (SKIP)', () => {
    expect(
      validateGateSettings({
        lowestEfficiency: "disabled",
        highestWastedBytes: "disabled",
        highestUserWastedPercent: "disabled",
      }),
    ).toEqual({});
  });

  // dive's misconfiguration cases: out-of-range fractions and unparseable values are errors.
  it.each([
    [
      { lowestEfficiency: "1.1" },
      /lowestEfficiency: value is outside the allowed range \(0-1\), given '1.1'/,
    ],
    [{ lowestEfficiency: "-0.1" }, /lowestEfficiency: value is outside the allowed range/],
    [{ highestUserWastedPercent: "1.1" }, /highestUserWastedPercent: value is outside/],
    [
      { highestUserWastedPercent: "not_a_number" },
      /highestUserWastedPercent: invalid value 'not_a_number'/,
    ],
    [{ lowestEfficiency: "not_a_number" }, /lowestEfficiency: invalid value 'not_a_number'/],
    [{ highestWastedBytes: "not_a_size" }, /highestWastedBytes: invalid size 'not_a_size'/],
    [{ maxCompressedSize: "big" }, /maxCompressedSize: invalid size 'big'/],
    [{ failOnSeverity: "fatal" }, /failOnSeverity: invalid value 'fatal'/],
    [{ lowestEfficiency: "NaN" }, /lowestEfficiency: invalid value 'NaN'/],
  ])("%j is a misconfiguration", (settings, message) => {
    expect(() => validateGateSettings(settings)).toThrow(GateConfigError);
    expect(() => validateGateSettings(settings)).toThrow(message);
  });

  it("lists every problem at once", () => {
    try {
      validateGateSettings({ lowestEfficiency: "1.1", highestWastedBytes: "not_a_size" });
      expect.unreachable();
    } catch (err) {
      expect((err as GateConfigError).problems).toHaveLength(2);
    }
  });
});

describe("parseDiveCi", () => {
  it("flags a misspelt rule with a suggestion", () => {
    expect(() => parseDiveCi("rules:\n  lowestEfficency: 0.9\n")).toThrow(
      /unknown rule "lowestEfficency" \(did you mean "lowestEfficiency"\?\)/,
    );
  });
  it("accepts an empty file and a file without rules", () => {
    expect(parseDiveCi("")).toEqual({});
    expect(parseDiveCi("plugins: [a]\n")).toEqual({});
  });
  it("rejects YAML that is not a mapping", () => {
    expect(() => parseDiveCi("- a\n- b\n")).toThrow(GateConfigError);
    expect(() => parseDiveCi("rules: [1]\n")).toThrow(/"rules" must be a mapping/);
  });
  it("keeps ballast keys beside dive's", () => {
    expect(parseDiveCi("rules:\n  maxCompressedSize: 100MB\n  failOnSeverity: warning\n")).toEqual({
      maxCompressedSize: "100MB",
      failOnSeverity: "warning",
    });
  });
});

describe("parseTolerance", () => {
  it.each([
    ["2%", { fraction: 0.02, bytes: 0 }],
    ["5MB", { fraction: 0, bytes: 5_000_000 }],
    ["1.5%,1KiB", { fraction: 0.015, bytes: 1024 }],
  ])("%s", (text, t) => expect(parseTolerance(text)).toEqual(t));
  it("rejects nonsense", () =>
    expect(() => parseTolerance("lots")).toThrow(/tolerance: invalid value 'lots'/));
});
