import { atLeast, type Finding, type Severity } from "../model/finding.js";
import type { ImageReport } from "../model/report.js";
import type { GateRules } from "./gate-config.js";

export type GateStatus = "PASS" | "FAIL" | "SKIP";

/** One rule's verdict, with the measured value and the threshold it was held to. */
export interface GateResult {
  rule: string;
  status: GateStatus;
  /** Why it failed or was skipped; empty for a pass with nothing to add. */
  message: string;
  actual?: number;
  threshold?: number;
}

export interface GateOutcome {
  pass: boolean;
  results: GateResult[];
  tally: { total: number; pass: number; fail: number; skip: number };
}

/** How much worse than the baseline an image may get: the larger of a fraction and a byte count. */
export interface Tolerance {
  fraction: number;
  bytes: number;
}

export interface GateOptions {
  /**
   * Layers that belong to the base image. dive counts only layer 0 as base; the real
   * boundary (`report.base.baseLayers`, read from history) makes user percentages honest.
   * Default: the report's boundary, else 1 as dive.
   */
  baseLayers?: number;
  /** A previous `ballast analyze --format json` report: baseline rules fail only on regressions. */
  baseline?: ImageReport;
  tolerance?: Tolerance;
}

/** Baseline tolerance when none is given: 1 % absorbs timestamp noise in gzip output. */
export const DEFAULT_TOLERANCE: Tolerance = { fraction: 0.01, bytes: 0 };

const fmt = (n: number) => String(n);

/** Evaluates every configured rule; a rule not configured is reported as SKIP, as dive does. */
export function evaluateGates(
  report: ImageReport,
  rules: GateRules,
  options: GateOptions = {},
): GateOutcome {
  const results: GateResult[] = [
    lowestEfficiency(report, rules.lowestEfficiency),
    highestWastedBytes(report, rules.highestWastedBytes),
    highestUserWastedPercent(report, rules.highestUserWastedPercent),
    maxBytes(
      "maxCompressedSize",
      "compressed size",
      report.size.compressed,
      rules.maxCompressedSize,
    ),
    maxBytes(
      "maxUncompressedSize",
      "uncompressed size",
      report.size.uncompressed,
      rules.maxUncompressedSize,
    ),
    maxBytes(
      "maxReclaimableBytes",
      "reclaimable bytes",
      report.waste.reclaimable,
      rules.maxReclaimableBytes,
    ),
    maxReclaimablePercent(
      report,
      rules.maxReclaimablePercent,
      options.baseLayers ?? report.base?.baseLayers ?? 1,
    ),
    failOnSeverity(report.findings, rules.failOnSeverity),
    ...(options.baseline
      ? baselineRules(
          report,
          options.baseline,
          options.tolerance ?? DEFAULT_TOLERANCE,
          rules.failOnSeverity,
        )
      : []),
  ];
  const count = (s: GateStatus) => results.filter((r) => r.status === s).length;
  const tally = {
    total: results.length,
    pass: count("PASS"),
    fail: count("FAIL"),
    skip: count("SKIP"),
  };
  return { pass: tally.fail === 0, results, tally };
}

const skip = (rule: string): GateResult => ({ rule, status: "SKIP", message: "rule disabled" });

// The three dive rules keep dive's comparisons exactly (strict < and >), so a threshold
// equal to the measured value passes in both tools.
function lowestEfficiency(report: ImageReport, threshold: number | undefined): GateResult {
  const rule = "lowestEfficiency";
  if (threshold === undefined) return skip(rule);
  const actual = report.dive.efficiency;
  const fail = threshold > actual;
  return {
    rule,
    status: fail ? "FAIL" : "PASS",
    actual,
    threshold,
    message: fail
      ? `image efficiency is too low (efficiency=${fmt(actual)} < threshold=${fmt(threshold)})`
      : "",
  };
}

function highestWastedBytes(report: ImageReport, threshold: number | undefined): GateResult {
  const rule = "highestWastedBytes";
  if (threshold === undefined) return skip(rule);
  const actual = report.dive.wastedBytes;
  const fail = actual > threshold;
  return {
    rule,
    status: fail ? "FAIL" : "PASS",
    actual,
    threshold,
    message: fail ? `too many bytes wasted (wasted-bytes=${actual} > threshold=${threshold})` : "",
  };
}

function highestUserWastedPercent(report: ImageReport, threshold: number | undefined): GateResult {
  const rule = "highestUserWastedPercent";
  if (threshold === undefined) return skip(rule);
  const actual = report.dive.userWastedPercent;
  // dive divides by zero for a single-layer image and compares NaN, which never fails.
  if (actual === null)
    return { rule, status: "PASS", threshold, message: "no layers above the base layer" };
  const fail = threshold < actual;
  const message = fail
    ? `too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=${fmt(actual)} > threshold=${fmt(threshold)})`
    : "";
  return { rule, status: fail ? "FAIL" : "PASS", actual, threshold, message };
}

function maxBytes(
  rule: string,
  what: string,
  actual: number,
  threshold: number | undefined,
): GateResult {
  if (threshold === undefined) return skip(rule);
  const fail = actual > threshold;
  return {
    rule,
    status: fail ? "FAIL" : "PASS",
    actual,
    threshold,
    message: fail ? `${what} is too large (${actual} B > threshold ${threshold} B)` : "",
  };
}

/** Exact reclaimable bytes written by the user's layers, over the bytes those layers wrote. */
export function userReclaimable(
  report: ImageReport,
  baseLayers: number,
): { bytes: number; userBytes: number } {
  const bytes = report.waste.items
    .filter((i) => i.layer >= baseLayers)
    .reduce((s, i) => s + i.size, 0);
  const userBytes = report.layers
    .filter((l) => l.index >= baseLayers)
    .reduce((s, l) => s + l.size, 0);
  return { bytes, userBytes };
}

function maxReclaimablePercent(
  report: ImageReport,
  threshold: number | undefined,
  baseLayers: number,
): GateResult {
  const rule = "maxReclaimablePercent";
  if (threshold === undefined) return skip(rule);
  const { bytes, userBytes } = userReclaimable(report, baseLayers);
  if (userBytes === 0)
    return { rule, status: "PASS", threshold, message: "the image has no bytes above its base" };
  const actual = bytes / userBytes;
  const fail = actual > threshold;
  const message = fail
    ? `reclaimable bytes are ${pct(actual)} of the ${userBytes} B the image adds to its base (threshold ${pct(threshold)})`
    : "";
  return { rule, status: fail ? "FAIL" : "PASS", actual, threshold, message };
}

function failOnSeverity(findings: Finding[], severity: Severity | undefined): GateResult {
  const rule = "failOnSeverity";
  if (severity === undefined) return skip(rule);
  const hits = findings.filter((f) => atLeast(f.severity, severity));
  const fail = hits.length > 0;
  const ids = [...new Set(hits.map((f) => f.rule))].join(", ");
  return {
    rule,
    status: fail ? "FAIL" : "PASS",
    actual: hits.length,
    message: fail ? `${hits.length} finding(s) at or above "${severity}": ${ids}` : "",
  };
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

function allowance(base: number, t: Tolerance): number {
  return Math.max(Math.floor(base * t.fraction), t.bytes);
}

function baselineRules(
  report: ImageReport,
  baseline: ImageReport,
  t: Tolerance,
  severity: Severity | undefined,
): GateResult[] {
  const grew = (rule: string, what: string, now: number, before: number): GateResult => {
    const limit = before + allowance(before, t);
    const fail = now > limit;
    const delta = now - before;
    const message = `${what} ${delta >= 0 ? "+" : ""}${delta} B vs baseline (${before} → ${now} B, allowed up to ${limit} B)`;
    return { rule, status: fail ? "FAIL" : "PASS", actual: now, threshold: limit, message };
  };
  return [
    grew(
      "baseline.compressedSize",
      "compressed size",
      report.size.compressed,
      baseline.size.compressed,
    ),
    grew(
      "baseline.uncompressedSize",
      "uncompressed size",
      report.size.uncompressed,
      baseline.size.uncompressed,
    ),
    grew(
      "baseline.reclaimableBytes",
      "reclaimable bytes",
      report.waste.reclaimable,
      baseline.waste.reclaimable,
    ),
    newFindings(report.findings, baseline.findings, severity ?? "warning"),
  ];
}

/**
 * Findings of a rule that fires in `now` but not in `before`. A rule is the identity: the
 * same leftover written by another layer or with other bytes is the same problem, while
 * path-level matching would call every rebuild "fixed one, introduced one".
 */
export function findingsOnlyIn(now: Finding[], before: Finding[]): Finding[] {
  const known = new Set(before.map((f) => f.rule));
  return now.filter((f) => !known.has(f.rule));
}

function newFindings(now: Finding[], before: Finding[], severity: Severity): GateResult {
  const rule = "baseline.findings";
  const added = findingsOnlyIn(now, before).filter((f) => atLeast(f.severity, severity));
  const fail = added.length > 0;
  const list = added
    .slice(0, 5)
    .map((f) => f.rule)
    .join(", ");
  return {
    rule,
    status: fail ? "FAIL" : "PASS",
    actual: added.length,
    message: fail
      ? `${added.length} new finding(s) at or above "${severity}" since the baseline: ${list}`
      : "",
  };
}
