import type { Command } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import type { GateOptions, GateOutcome } from "../analysis/gate.js";
import type { GateRules, GateSettings } from "../analysis/gate-config.js";
import { InputError } from "../model/errors.js";
import type { ImageReport } from "../model/report.js";
import type { CliIO } from "./io.js";

/** Gate flags, shared by `ballast ci` and `ballast analyze --ci`. */
export interface GateFlags {
  ciConfig?: string;
  lowestEfficiency?: string;
  highestWastedBytes?: string;
  highestUserWastedPercent?: string;
  maxCompressedSize?: string;
  maxUncompressedSize?: string;
  maxReclaimableBytes?: string;
  maxReclaimablePercent?: string;
  failOn?: string;
  baseline?: string;
  tolerance?: string;
  baseLayers?: string;
  junit?: string;
}

/** `withBaseLayers: false` for `analyze`, which has its own `--base-layers` with the same meaning. */
export function addGateOptions<C extends Command<any, any, any>>(cmd: C, withBaseLayers = true): C {
  cmd
    .option("--ci-config <file>", "dive-style rules file (default: ./.dive-ci when present)")
    .option(
      "--lowest-efficiency <0-1>",
      'fail below this dive efficiency (dive default 0.9; "disabled")',
    )
    .option(
      "--highest-wasted-bytes <size>",
      'fail above these dive wasted bytes, e.g. 20MB (dive default "disabled")',
    )
    .option(
      "--highest-user-wasted-percent <0-1>",
      "fail above this share of user bytes wasted (dive default 0.1)",
    )
    .option("--max-compressed-size <size>", "fail when the compressed image is larger, e.g. 200MB")
    .option("--max-uncompressed-size <size>", "fail when the uncompressed image is larger")
    .option(
      "--max-reclaimable-bytes <size>",
      "fail when more bytes are hidden by later layers (exact waste)",
    )
    .option(
      "--max-reclaimable-percent <0-1>",
      "fail when reclaimable bytes exceed this share of the bytes the image adds to its base",
    )
    .option(
      "--fail-on <severity>",
      "fail on image findings at or above: error, warning, info, style",
    )
    .option(
      "--baseline <report.json>",
      "a previous `ballast analyze --format json`: fail only when the image got worse",
    )
    .option(
      "--tolerance <t>",
      "how much worse than the baseline is allowed: 2%, 5MB, or 2%,5MB (default 1%)",
    )
    .option("--junit <file>", "also write the verdict as JUnit XML");
  if (withBaseLayers)
    cmd.option(
      "--base-layers <n>",
      "layers that belong to the base image, for user-only percentages (default: read from history, else 1)",
    );
  return cmd;
}

const FLAG_KEYS: [keyof GateFlags, keyof GateSettings][] = [
  ["lowestEfficiency", "lowestEfficiency"],
  ["highestWastedBytes", "highestWastedBytes"],
  ["highestUserWastedPercent", "highestUserWastedPercent"],
  ["maxCompressedSize", "maxCompressedSize"],
  ["maxUncompressedSize", "maxUncompressedSize"],
  ["maxReclaimableBytes", "maxReclaimableBytes"],
  ["maxReclaimablePercent", "maxReclaimablePercent"],
  ["failOn", "failOnSeverity"],
];

/** Rules and baseline, settled and validated before any image is read. */
export interface SettledGates {
  rules: GateRules;
  options: GateOptions;
  /** Where the thresholds came from, for the report header. */
  source: string;
}

/**
 * Settles the rules (dive's defaults ← .ballast.yaml `ci:` ← rules file ← flags). Every misconfiguration is
 * thrown here, before the image is read, so a typo fails fast and never passes a build.
 */
export async function settleGates(flags: GateFlags, io: CliIO): Promise<SettledGates> {
  const [
    {
      DIVE_DEFAULTS,
      gateSettingsOf,
      parseDiveCi,
      parseTolerance,
      validateGateSettings,
      GateConfigError,
    },
    { readFile },
  ] = await Promise.all([import("../analysis/gate-config.js"), import("node:fs/promises")]);
  const sources = ["dive defaults"];
  const project = await (await import("./project-config.js")).loadProjectSections(io.cwd);
  const fromProject = project.source ? gateSettingsOf(project.ci, `${project.source}: ci`) : {};
  if (Object.keys(fromProject).length) sources.push(`${project.source} ci`);
  let fromFile: GateSettings = {};
  const configPath = flags.ciConfig ?? ".dive-ci";
  const text = await readFile(resolve(io.cwd, configPath), "utf8").catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" && flags.ciConfig === undefined) return undefined;
      throw new InputError(
        `--ci-config ${configPath}: ${err.code === "ENOENT" ? "no such file" : err.message}`,
      );
    },
  );
  if (text !== undefined) {
    fromFile = parseDiveCi(text, configPath);
    sources.push(configPath);
  }
  const fromFlags: GateSettings = {};
  for (const [flag, key] of FLAG_KEYS) if (flags[flag] !== undefined) fromFlags[key] = flags[flag];
  if (Object.keys(fromFlags).length) sources.push("flags");
  const rules = validateGateSettings({
    ...DIVE_DEFAULTS,
    ...fromProject,
    ...fromFile,
    ...fromFlags,
  });
  const baseLayers = flags.baseLayers === undefined ? undefined : Number(flags.baseLayers);
  if (baseLayers !== undefined && (!Number.isInteger(baseLayers) || baseLayers < 0))
    throw new GateConfigError([
      `--base-layers: expected a whole number ≥ 0, got '${flags.baseLayers}'`,
    ]);
  const tolerance = flags.tolerance === undefined ? undefined : parseTolerance(flags.tolerance);
  if (tolerance && !flags.baseline)
    throw new GateConfigError(["--tolerance applies to --baseline, which is missing"]);
  const baseline = flags.baseline
    ? await readBaseline(resolve(io.cwd, flags.baseline), readFile)
    : undefined;
  if (baseline) sources.push(`baseline ${flags.baseline}`);
  return { rules, options: { baseLayers, baseline, tolerance }, source: sources.join(" ← ") };
}

export async function runGates(report: ImageReport, settled: SettledGates): Promise<GateOutcome> {
  const { evaluateGates } = await import("../analysis/gate.js");
  return evaluateGates(report, settled.rules, settled.options);
}

async function readBaseline(
  path: string,
  readFile: (p: string, e: "utf8") => Promise<string>,
): Promise<ImageReport> {
  const text = await readFile(path, "utf8").catch((err: NodeJS.ErrnoException) => {
    throw new InputError(
      `--baseline ${path}: ${err.code === "ENOENT" ? "no such file" : err.message}`,
    );
  });
  let doc: Partial<ImageReport>;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InputError(
      `--baseline ${path}: not JSON (expected the output of \`ballast analyze --format json\`)`,
    );
  }
  const ok =
    doc?.schemaVersion === 1 &&
    typeof doc.size?.compressed === "number" &&
    typeof doc.waste?.reclaimable === "number" &&
    Array.isArray(doc.findings);
  if (!ok)
    throw new InputError(
      `--baseline ${path}: not a ballast analysis (expected the output of \`ballast analyze --format json\`, schemaVersion 1)`,
    );
  return doc as ImageReport;
}
