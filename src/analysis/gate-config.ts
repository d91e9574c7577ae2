import { parse as parseYaml } from "yaml";
import { InputError } from "../model/errors.js";
import { SEVERITIES, type Severity } from "../model/finding.js";

/**
 * Gate settings as text, keyed like dive's `.dive-ci` `rules:` section. Values stay strings
 * until validated, as dive's viper config does, so "disabled" and "20Mb" round-trip.
 */
export type GateSettings = Partial<Record<GateKey, string>>;

/** dive's three rules (wagoodman/dive runtime/ci/rule.go), then ballast's own. */
export const DIVE_KEYS = [
  "lowestEfficiency",
  "highestWastedBytes",
  "highestUserWastedPercent",
] as const;
export const BALLAST_KEYS = [
  "maxCompressedSize",
  "maxUncompressedSize",
  "maxReclaimableBytes",
  "maxReclaimablePercent",
  "failOnSeverity",
] as const;
export const GATE_KEYS = [...DIVE_KEYS, ...BALLAST_KEYS] as const;
export type GateKey = (typeof GATE_KEYS)[number];

/** dive's own defaults when a key is absent (dive runtime/ci/evaluator.go NewEvaluator). */
export const DIVE_DEFAULTS: GateSettings = {
  lowestEfficiency: "0.9",
  highestWastedBytes: "disabled",
  highestUserWastedPercent: "0.1",
};

/** Validated gate thresholds; `undefined` means disabled (SKIP). */
export interface GateRules {
  lowestEfficiency?: number;
  highestWastedBytes?: number;
  highestUserWastedPercent?: number;
  maxCompressedSize?: number;
  maxUncompressedSize?: number;
  maxReclaimableBytes?: number;
  maxReclaimablePercent?: number;
  failOnSeverity?: Severity;
}

/** Misconfiguration: every bad value is listed, so one run shows all of them (exit 2). */
export class GateConfigError extends InputError {
  override name = "GateConfigError";
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `CI misconfigured: ${problems[0]}`
        : `CI misconfigured:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
}

/** Multipliers of go-humanize's ParseBytes, which dive uses: case-insensitive, SI vs IEC. */
const SIZE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  ki: 1024,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
};

/**
 * Parses a size the way dive does (go-humanize ParseBytes): "20Mb" = 20,000,000,
 * "50kB" = 50,000, "1B" = 1, "1.5 GiB" = 1.5 × 2³⁰; commas in the number are ignored.
 * Returns undefined for anything else ("not_a_size", "-5", "").
 */
export function parseSize(text: string): number | undefined {
  const m = /^([\d.,]+)\s*([a-zA-Z]*)$/.exec(text.trim());
  if (!m) return undefined;
  const num = m[1].replace(/,/g, "");
  if (!/^(\d+\.?\d*|\.\d+)$/.test(num)) return undefined;
  const unit = SIZE_UNITS[m[2].toLowerCase()];
  return unit === undefined ? undefined : Math.floor(Number(num) * unit);
}

/** A plain decimal fraction; Go's ParseFloat would also take "NaN" and "Inf", which no threshold means. */
function parseFraction(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return undefined;
  return Number(text);
}

const isDisabled = (v: string) => v.trim().toLowerCase() === "disabled";

/** Validates settings into rules, collecting every problem before throwing. */
export function validateGateSettings(settings: GateSettings): GateRules {
  const rules: GateRules = {};
  const problems: string[] = [];
  for (const key of GATE_KEYS) {
    const value = settings[key];
    if (value === undefined || isDisabled(value)) continue;
    const checked = validateOne(key, value);
    if (typeof checked === "string") problems.push(checked);
    else (rules as Record<string, unknown>)[key] = checked.value;
  }
  if (problems.length) throw new GateConfigError(problems);
  return rules;
}

function validateOne(key: GateKey, value: string): string | { value: number | Severity } {
  switch (key) {
    case "lowestEfficiency":
    case "highestUserWastedPercent":
    case "maxReclaimablePercent": {
      const n = parseFraction(value);
      if (n === undefined)
        return `${key}: invalid value '${value}' (expected a number between 0 and 1, or "disabled")`;
      if (n < 0 || n > 1)
        return `${key}: value is outside the allowed range (0-1), given '${value}'`;
      return { value: n };
    }
    case "failOnSeverity": {
      const s = value.trim().toLowerCase();
      if ((SEVERITIES as readonly string[]).includes(s)) return { value: s as Severity };
      return `${key}: invalid value '${value}' (expected one of ${SEVERITIES.join(", ")}, or "disabled")`;
    }
    default: {
      const n = parseSize(value);
      if (n === undefined)
        return `${key}: invalid size '${value}' (expected e.g. "20MB", "50kB", "1GiB", "1B", or "disabled")`;
      return { value: n };
    }
  }
}

/**
 * Reads a `.dive-ci` file as dive does: the `rules:` mapping, numbers and sizes as text.
 * ballast's own keys may sit beside dive's. Plugin keys (`plugins:`, `name/rule`) are dive
 * plugin settings and are ignored; any other unknown key is a mistake worth reporting.
 */
export function parseDiveCi(text: string, source = ".dive-ci"): GateSettings {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new GateConfigError([
      `${source}: not valid YAML: ${(err as Error).message.split("\n")[0]}`,
    ]);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== "object" || Array.isArray(doc))
    throw new GateConfigError([`${source}: expected a mapping with a "rules:" key`]);
  const rules = (doc as Record<string, unknown>).rules;
  if (rules === undefined || rules === null) return {};
  if (typeof rules !== "object" || Array.isArray(rules))
    throw new GateConfigError([`${source}: "rules" must be a mapping`]);
  return gateSettingsOf(rules as Record<string, unknown>, source);
}

/**
 * Checks a mapping of rule names to values (a `.dive-ci` `rules:` section, or `ci:` in
 * .ballast.yaml): plugin keys (`name/rule`) are dive plugin settings and skipped; any other
 * unknown name is reported with the closest known one.
 */
export function gateSettingsOf(rules: Record<string, unknown>, source: string): GateSettings {
  const settings: GateSettings = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(rules)) {
    if (key.includes("/")) continue;
    if (!(GATE_KEYS as readonly string[]).includes(key)) {
      problems.push(`${source}: unknown rule "${key}"${suggest(key)}`);
      continue;
    }
    if (value === null || typeof value === "object") {
      problems.push(`${source}: rule "${key}" needs a single value`);
      continue;
    }
    settings[key as GateKey] = String(value);
  }
  if (problems.length) throw new GateConfigError(problems);
  return settings;
}

function suggest(key: string): string {
  const lower = key.toLowerCase();
  const near = GATE_KEYS.find(
    (k) => k.toLowerCase() === lower || editDistance(k.toLowerCase(), lower) <= 3,
  );
  return near ? ` (did you mean "${near}"?)` : ` (known: ${GATE_KEYS.join(", ")})`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * Parses a baseline tolerance: "2%", "5MB", or both ("2%,5MB": the larger allowance wins).
 * Percentages are of the baseline's value.
 */
export function parseTolerance(text: string): { fraction: number; bytes: number } {
  const tolerance = { fraction: 0, bytes: 0 };
  for (const part of text.split(",").map((p) => p.trim())) {
    const percent = /^(\d+\.?\d*|\.\d+)\s*%$/.exec(part);
    const size = percent ? undefined : parseSize(part);
    if (percent) tolerance.fraction = Number(percent[1]) / 100;
    else if (size !== undefined) tolerance.bytes = size;
    else
      throw new GateConfigError([
        `tolerance: invalid value '${part}' (expected a percentage like "2%", a size like "5MB", or both: "2%,5MB")`,
      ]);
  }
  return tolerance;
}
