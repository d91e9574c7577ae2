import { Command, Option } from "@commander-js/extra-typings";
import type { CliIO } from "./io.js";
import { EXIT_OK } from "./exit.js";
import { InputError } from "../model/errors.js";
import { addImageOptions, type ImageFlags } from "./image-side.js";
import { addCostOptions, type CostFlags } from "./cost-flags.js";

const FORMATS = ["text", "json", "markdown", "html"] as const;
type Format = (typeof FORMATS)[number];

export function registerDiff(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command("diff")
    .description(
      "compare two images: shared layers, size deltas, paths, packages, findings and cost",
    )
    .argument("<before>", "the image before (any reference analyze takes)")
    .argument("<after>", "the image after")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(FORMATS)
        .default("text" as Format),
    )
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option(
      "--include <glob>",
      'only list and total paths matching this glob, e.g. "/usr/share/doc/**" or "*.pyc" (repeatable)',
      (glob: string, previous: string[] = []) => [...previous, glob],
    )
    .option("--top <n>", "rows per list in text, markdown and HTML output", "20");
  addImageOptions(cmd);
  addCostOptions(cmd);
  cmd.action(async (before, after, opts) => {
    const top = Number(opts.top);
    if (!Number.isInteger(top) || top < 1)
      throw new InputError(`--top must be a positive whole number, got "${opts.top}"`);
    const flags = opts as ImageFlags & CostFlags;
    const [{ analyzeRef }, { diffImages }, { costInputsFrom }] = await Promise.all([
      import("./image-side.js"),
      import("../analysis/diff.js"),
      import("./cost-flags.js"),
    ]);
    const { inputs: cost, currency } = await costInputsFrom(flags, io.cwd);
    const a = await analyzeRef(before, flags, io);
    const b = await analyzeRef(after, flags, io);
    const diff = diffImages(a, b, { include: opts.include, cost });
    // The after image's filesystem feeds the HTML treemap; only that format pays for it.
    const tree =
      opts.format === "html"
        ? (await import("../analysis/size-tree.js")).sizeTree(b.scan.tree.root)
        : undefined;
    const text = await render(opts.format, diff, io, top, currency, tree);
    const { writeOutput } = await import("./output.js");
    await writeOutput(io, text, opts.output);
    setExit(EXIT_OK);
  });
}

async function render(
  format: Format,
  diff: import("../analysis/diff.js").ImageDiff,
  io: CliIO,
  top: number,
  currency?: string,
  tree?: import("../analysis/size-tree.js").SizeTree,
): Promise<string> {
  switch (format) {
    case "json":
      return `${JSON.stringify(diff, null, 2)}\n`;
    case "markdown":
      return (await import("../report/diff-markdown.js")).renderDiffMarkdown(diff, {
        top,
        currency,
      });
    case "html":
      return (await import("../report/html.js")).renderDiffHtml(diff, {
        top,
        currency,
        tree,
        version: (await import("./version.js")).VERSION,
      });
    default: {
      const color = io.stdoutIsTTY && !io.env.NO_COLOR;
      return (await import("../report/diff-text.js")).renderDiffText(diff, {
        color,
        width: Number(io.env.COLUMNS) || 120,
        top,
        currency,
      });
    }
  }
}
