import { Option, type Command } from "@commander-js/extra-typings";
import type { CliIO } from "./io.js";
import { EXIT_FINDINGS, EXIT_OK } from "./exit.js";
import { addImageOptions, type ImageFlags } from "./image-side.js";
import { addGateOptions, type GateFlags } from "./ci-run.js";

const FORMATS = ["text", "json", "junit", "markdown"] as const;
type Format = (typeof FORMATS)[number];

export function registerCi(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command("ci")
    .description(
      "gate an image in CI: dive's .dive-ci rules, size and waste thresholds, finding severity, baseline; exit 1 on failure",
    )
    .argument("<image>", "image reference (any reference analyze takes)")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(FORMATS)
        .default("text" as Format),
    )
    .option("-o, --output <file>", "write the report to a file instead of stdout");
  addGateOptions(cmd);
  addImageOptions(cmd);
  cmd.action(async (ref, opts) => {
    const [{ analyzeRef }, { settleGates, runGates }, { writeOutput }] = await Promise.all([
      import("./image-side.js"),
      import("./ci-run.js"),
      import("./output.js"),
    ]);
    const flags = opts as GateFlags & ImageFlags;
    const { checkOutputPath } = await import("./output.js");
    checkOutputPath(io, "--output", opts.output);
    checkOutputPath(io, "--junit", flags.junit);
    const settled = await settleGates(flags, io);
    const { report } = await analyzeRef(
      ref,
      { ...flags, baseLayers: settled.options.baseLayers },
      io,
    );
    const outcome = await runGates(report, settled);
    const text = await renderVerdict(opts.format, report, outcome, settled.source, io);
    await writeOutput(io, text, opts.output);
    if (flags.junit)
      await writeOutput(
        io,
        (await import("../report/junit.js")).renderJunit(report, outcome, {
          timestamp: new Date().toISOString(),
        }),
        flags.junit,
      );
    setExit(outcome.pass ? EXIT_OK : EXIT_FINDINGS);
  });
}

/** Renders the verdict in the chosen format. */
export async function renderVerdict(
  format: Format,
  report: import("../model/report.js").ImageReport,
  outcome: import("../analysis/gate.js").GateOutcome,
  source: string,
  io: CliIO,
): Promise<string> {
  switch (format) {
    case "json":
      return `${JSON.stringify({ image: report.image.reference, pass: outcome.pass, tally: outcome.tally, rules: source, results: outcome.results }, null, 2)}\n`;
    case "junit":
      return (await import("../report/junit.js")).renderJunit(report, outcome);
    case "markdown":
      return (await import("../report/markdown.js")).renderGateMarkdown(report, outcome, {
        source,
      });
    default:
      return (await import("../report/gate-text.js")).renderGateText(report, outcome, {
        color: io.stdoutIsTTY && !io.env.NO_COLOR,
        source,
      });
  }
}
