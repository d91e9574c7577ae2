import type { Command } from "@commander-js/extra-typings";
import type { ImageScan } from "../analysis/scan.js";
import type { ImageReport } from "../model/report.js";
import type { CostInputs } from "../analysis/cost.js";
import { addCostOptions, type CostFlags } from "./cost-flags.js";
import { addGateOptions, type GateFlags, type SettledGates } from "./ci-run.js";
import { EXIT_FINDINGS, EXIT_OK } from "./exit.js";
import { InputError } from "../model/errors.js";
import type { CliIO } from "./io.js";

/** `analyze`'s formats beyond the lead's text and json: one reporter module each, loaded lazily. */
export const EXTRA_FORMATS = ["markdown", "sarif", "html"] as const;

/** Flags `analyze` gains for cost, CI gates, SARIF locations and file output. */
export interface AnalyzeExtraFlags extends CostFlags, GateFlags {
  /** The output format, as `analyze` parsed it. */
  format?: string;
  output?: string;
  cost?: boolean;
  ci?: boolean;
  sourceDockerfile?: string;
  outputJson?: string;
  outputSarif?: string;
  outputHtml?: string;
  outputMarkdown?: string;
  outputText?: string;
}

export function addAnalyzeExtraOptions<C extends Command<any, any, any>>(cmd: C): C {
  cmd
    .option(
      "-o, --output <file>",
      "write the report to a file instead of stdout (the usual way with --format html)",
    )
    .option("--cost", "estimate registry storage, deploy egress and pull time (see the cost flags)")
    .option("--ci", "also evaluate the CI gates (as `ballast ci`); exit 1 when one fails")
    .option("--output-json <file>", "also write the JSON report to <file> (same analysis)")
    .option("--output-sarif <file>", "also write the SARIF log to <file>")
    .option("--output-html <file>", "also write the HTML report to <file>")
    .option("--output-markdown <file>", "also write the Markdown report to <file>")
    .option("--output-text <file>", "also write the text report to <file>")
    .option(
      "--source-dockerfile <path>",
      "Dockerfile the image was built from: SARIF results point at its lines (default ./Dockerfile)",
    );
  addCostOptions(cmd);
  addGateOptions(cmd, false);
  return cmd;
}

export interface Prepared {
  gates?: SettledGates;
  cost?: Partial<CostInputs>;
  currency?: string;
}

/** Validates the extra flags before the image is read, so a typo fails in milliseconds (exit 2). */
export async function prepareExtras(flags: AnalyzeExtraFlags, io: CliIO): Promise<Prepared> {
  const { checkOutputPath } = await import("./output.js");
  checkOutputPath(io, "--output", flags.output);
  checkOutputPath(io, "--junit", flags.junit);
  for (const [format, flag] of OUTPUT_FLAGS) checkOutputPath(io, `--output-${format}`, flags[flag]);
  const { costInputsFrom } = await import("./cost-flags.js");
  // The HTML page always has its cost panel (documented defaults, or .ballast.yaml / flags).
  const cost =
    flags.cost || flags.format === "html" || flags.outputHtml
      ? await costInputsFrom(flags, io.cwd)
      : undefined;
  const gates = flags.ci ? await (await import("./ci-run.js")).settleGates(flags, io) : undefined;
  return { gates, cost: cost?.inputs, currency: cost?.currency ?? flags.currency };
}

export interface EmitContext {
  report: ImageReport;
  scan: ImageScan;
  format: string;
  top: number;
  flags: AnalyzeExtraFlags;
  prepared: Prepared;
  /** The plain text report (without cost and gates), coloured or not. */
  renderText: (color: boolean) => Promise<string>;
}

/** `--output-FORMAT FILE`: the same analysis written in more formats, for the Action. */
export const OUTPUT_FLAGS = [
  ["json", "outputJson"],
  ["sarif", "outputSarif"],
  ["html", "outputHtml"],
  ["markdown", "outputMarkdown"],
  ["text", "outputText"],
] as const;

type Gates = Parameters<typeof import("../report/html.js").renderHtml>[1]["gates"];
type Cost = Awaited<ReturnType<typeof estimate>> | undefined;

/** Renders and writes the report in any format, with cost and CI verdict; returns the exit code. */
export async function emitAnalyze(ctx: EmitContext, io: CliIO): Promise<number> {
  const { report, flags, prepared } = ctx;
  const cost = prepared.cost ? await estimate(report, prepared.cost) : undefined;
  const outcome = prepared.gates
    ? await (await import("./ci-run.js")).runGates(report, prepared.gates)
    : undefined;
  const gates = outcome && prepared.gates ? { outcome, source: prepared.gates.source } : undefined;
  const { writeOutput } = await import("./output.js");
  const color = io.stdoutIsTTY && !io.env.NO_COLOR && !flags.output;
  await writeOutput(io, await renderAs(ctx.format, ctx, cost, gates, io, color), flags.output);
  for (const [format, flag] of OUTPUT_FLAGS) {
    const file = flags[flag];
    if (file) await writeOutput(io, await renderAs(format, ctx, cost, gates, io, false), file);
  }
  if (outcome && flags.junit)
    await writeOutput(
      io,
      (await import("../report/junit.js")).renderJunit(report, outcome, {
        timestamp: new Date().toISOString(),
      }),
      flags.junit,
    );
  return outcome && !outcome.pass ? EXIT_FINDINGS : EXIT_OK;
}

async function renderAs(
  format: string,
  ctx: EmitContext,
  cost: Cost,
  gates: Gates,
  io: CliIO,
  color: boolean,
): Promise<string> {
  const { report, flags, prepared } = ctx;
  switch (format) {
    case "markdown":
      return (await import("../report/markdown.js")).renderMarkdown(report, {
        top: ctx.top,
        cost,
        currency: prepared.currency,
        gates,
      });
    case "sarif":
      return sarif(report, flags, io);
    case "html":
      return html(ctx, cost, gates);
    case "json":
      return cost || gates
        ? `${JSON.stringify({ ...report, ...(cost ? { cost } : {}), ...(gates ? { ci: { pass: gates.outcome.pass, tally: gates.outcome.tally, rules: gates.source, results: gates.outcome.results } } : {}) }, null, 2)}\n`
        : (await import("../report/json.js")).renderJson(report);
    default: {
      const parts = [await ctx.renderText(color)];
      if (cost)
        parts.push(
          (await import("../report/cost-text.js")).renderCostText(cost, {
            color,
            currency: prepared.currency,
          }),
        );
      if (gates)
        parts.push(
          `${(await import("../report/gate-text.js")).gateLines(gates.outcome, color).join("\n")}\n`,
        );
      return parts.join("\n");
    }
  }
}

async function estimate(report: ImageReport, inputs: Partial<CostInputs>) {
  const { costSubjectOf, estimateCost } = await import("../analysis/cost.js");
  return estimateCost(costSubjectOf(report), inputs);
}

async function sarif(report: ImageReport, flags: AnalyzeExtraFlags, io: CliIO): Promise<string> {
  const [
    { renderSarif },
    { sarifRulesOf, documentedRules },
    { VERSION },
    { readFile },
    { relative, resolve },
  ] = await Promise.all([
    import("../report/sarif.js"),
    import("./sarif-rules.js"),
    import("./version.js"),
    import("node:fs/promises"),
    import("node:path"),
  ]);
  const path = resolve(io.cwd, flags.sourceDockerfile ?? "Dockerfile");
  const text = await readFile(path, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (flags.sourceDockerfile)
      throw new InputError(
        `--source-dockerfile ${flags.sourceDockerfile}: ${err.code === "ENOENT" ? "no such file" : err.message}`,
      );
    return undefined;
  });
  return renderSarif(report, {
    toolVersion: VERSION,
    rules: sarifRulesOf(await documentedRules()),
    dockerfile: { path: relative(io.cwd, path) || "Dockerfile", text },
  });
}

async function html(ctx: EmitContext, cost: Cost, gates: Gates): Promise<string> {
  const [{ renderHtml }, { sizeTree }, { documentedRules, htmlDocsOf }, { VERSION }, walk, lt] =
    await Promise.all([
      import("../report/html.js"),
      import("../analysis/size-tree.js"),
      import("./sarif-rules.js"),
      import("./version.js"),
      import("../analysis/layer-walk.js"),
      import("../filetree/layer-tree.js"),
    ]);
  const rules = htmlDocsOf(await documentedRules());
  // Every layer's files, from the per-path history: the page's walk through the layers.
  const layerTree = lt.buildLayerTree(ctx.scan.layers.map((l) => l.entries));
  return renderHtml(ctx.report, {
    top: ctx.top,
    tree: walk.addWaste(sizeTree(ctx.scan.tree.root), layerTree),
    walk: walk.layerWalk(layerTree),
    cost,
    currency: ctx.prepared.currency,
    rules,
    gates,
    version: VERSION,
  });
}
