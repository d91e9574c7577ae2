import { describe, expect, it } from "vitest";
import { evaluateGates, userReclaimable } from "../../src/analysis/gate.js";
import { finding, makeReport } from "./report-fixture.js";

// Base layer 0 (100 MB), two user layers of 30 MB and 20 MB; 10 MB written in layer 1 and
// deleted in layer 2, and 5 MB of the base deleted by layer 1 (the base's bytes, not the user's).
const report = makeReport({
  layers: [
    [40e6, 100e6],
    [12e6, 30e6],
    [8e6, 20e6],
  ],
  waste: [
    { size: 10e6, layer: 1, hiddenBy: 2 },
    { size: 5e6, layer: 0, hiddenBy: 1 },
  ],
  findings: [
    finding("leftover-cache", "warning", ["/root/.cache"]),
    finding("shell-present", "info", ["/bin/sh"]),
  ],
});
const statuses = (o: ReturnType<typeof evaluateGates>) =>
  Object.fromEntries(o.results.map((r) => [r.rule, r.status]));

describe("ballast's own gates", () => {
  it("size thresholds compare compressed (60 MB) and uncompressed (150 MB) bytes", () => {
    const s = statuses(
      evaluateGates(report, { maxCompressedSize: 60e6, maxUncompressedSize: 149_999_999 }),
    );
    expect(s.maxCompressedSize).toBe("PASS");
    expect(s.maxUncompressedSize).toBe("FAIL");
  });

  it("reclaimable bytes count every hidden byte (15 MB)", () => {
    expect(statuses(evaluateGates(report, { maxReclaimableBytes: 15e6 })).maxReclaimableBytes).toBe(
      "PASS",
    );
    expect(
      statuses(evaluateGates(report, { maxReclaimableBytes: 14_999_999 })).maxReclaimableBytes,
    ).toBe("FAIL");
  });

  it("reclaimable percent counts only bytes the user's layers wrote: 10 MB of 50 MB = 0.2", () => {
    expect(userReclaimable(report, 1)).toEqual({ bytes: 10e6, userBytes: 50e6 });
    const at = evaluateGates(report, { maxReclaimablePercent: 0.2 });
    expect(at.results.find((r) => r.rule === "maxReclaimablePercent")).toMatchObject({
      status: "PASS",
      actual: 0.2,
    });
    expect(
      statuses(evaluateGates(report, { maxReclaimablePercent: 0.19 })).maxReclaimablePercent,
    ).toBe("FAIL");
  });

  it("a real base boundary of 2 layers leaves 0 user-written waste in layer 2", () => {
    expect(userReclaimable(report, 2)).toEqual({ bytes: 0, userBytes: 20e6 });
    expect(
      statuses(evaluateGates(report, { maxReclaimablePercent: 0 }, { baseLayers: 2 }))
        .maxReclaimablePercent,
    ).toBe("PASS");
  });

  it("defaults to the report's own base boundary (report.base.baseLayers) when no flag is given", () => {
    const withBase = { ...report, base: { baseLayers: 2 } as NonNullable<typeof report.base> };
    expect(
      statuses(evaluateGates(withBase, { maxReclaimablePercent: 0 })).maxReclaimablePercent,
    ).toBe("PASS");
    expect(
      statuses(evaluateGates(withBase, { maxReclaimablePercent: 0 }, { baseLayers: 1 }))
        .maxReclaimablePercent,
    ).toBe("FAIL");
  });

  it("failOnSeverity fails on findings at or above the severity", () => {
    expect(statuses(evaluateGates(report, { failOnSeverity: "error" })).failOnSeverity).toBe(
      "PASS",
    );
    const warn = evaluateGates(report, { failOnSeverity: "warning" });
    expect(warn.results.find((r) => r.rule === "failOnSeverity")).toMatchObject({
      status: "FAIL",
      actual: 1,
    });
    expect(
      evaluateGates(report, { failOnSeverity: "info" }).results.find(
        (r) => r.rule === "failOnSeverity",
      )?.actual,
    ).toBe(2);
  });

  it("unconfigured rules are SKIP and do not fail the run", () => {
    const o = evaluateGates(report, {});
    expect(o.pass).toBe(true);
    expect(o.tally).toEqual({ total: 8, pass: 0, fail: 0, skip: 8 });
  });
});

describe("baseline mode", () => {
  const baseline = makeReport({
    layers: [
      [40e6, 100e6],
      [12e6, 30e6],
    ],
    waste: [{ size: 5e6, layer: 0, hiddenBy: 1 }],
    findings: [finding("leftover-cache", "warning", ["/root/.cache"])],
  });
  const run = (now = report, tolerance = { fraction: 0.01, bytes: 0 }) =>
    evaluateGates(now, {}, { baseline, tolerance });

  it("fails on growth beyond the tolerance and names the delta", () => {
    const o = run();
    expect(statuses(o)).toMatchObject({
      "baseline.compressedSize": "FAIL",
      "baseline.uncompressedSize": "FAIL",
      "baseline.reclaimableBytes": "FAIL",
      "baseline.findings": "PASS",
    });
    expect(o.results.find((r) => r.rule === "baseline.compressedSize")?.message).toBe(
      "compressed size +8000000 B vs baseline (52000000 → 60000000 B, allowed up to 52520000 B)",
    );
  });

  it("passes growth within a byte tolerance (the larger allowance wins)", () => {
    const o = run(report, { fraction: 0.01, bytes: 19e6 });
    expect(statuses(o)).toMatchObject({
      "baseline.compressedSize": "PASS",
      "baseline.uncompressedSize": "FAIL",
      "baseline.reclaimableBytes": "PASS",
    });
  });

  it("passes an image that shrank", () => {
    const o = evaluateGates(baseline, {}, { baseline: report });
    expect(o.pass).toBe(true);
  });

  it("fails on a new finding, not on one the baseline already had", () => {
    const worse = makeReport({
      layers: [[1, 1]],
      findings: [
        finding("leftover-cache", "warning", ["/root/.cache"]),
        finding("apt-lists", "warning", ["/var/lib/apt/lists"]),
      ],
    });
    const o = evaluateGates(worse, {}, { baseline });
    expect(o.results.find((r) => r.rule === "baseline.findings")).toMatchObject({
      status: "FAIL",
      actual: 1,
    });
    expect(o.results.find((r) => r.rule === "baseline.findings")?.message).toMatch(/apt-lists/);
  });
});
