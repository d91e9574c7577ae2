import { Option, type Command } from "@commander-js/extra-typings";
import type { CliIO } from "./io.js";
import { EXIT_OK } from "./exit.js";
import { InputError } from "../model/errors.js";
import { addAnalyzeExtraOptions, EXTRA_FORMATS, type AnalyzeExtraFlags } from "./analyze-extras.js";
import { addImageOptions, type ImageFlags } from "./image-side.js";

const FORMATS = ["text", "json", ...EXTRA_FORMATS] as const;

export function registerAnalyze(
  program: Command,
  io: CliIO,
  setExit: (code: number) => void,
): void {
  addAnalyzeExtraOptions(
    addImageOptions(program.command("analyze"))
      .description("analyze a container image: layers, sizes, exact waste, duplicates, findings")
      .argument(
        "<image>",
        "docker://HOST/REPO[:TAG|@DIGEST], docker-daemon:NAME[:TAG], podman:NAME[:TAG], docker-archive:PATH[:ref], oci:DIR[:tag], oci-archive:PATH[:tag], dir:DIR, or a path (format detected)",
      )
      .addOption(
        new Option("-f, --format <format>", "output format")
          .choices(FORMATS)
          .default("text" as const),
      )
      .option(
        "--top <n>",
        "rows per section in text output, and largest files/dirs listed in JSON",
        "20",
      )
      .option(
        "--base-layers <n>",
        "how many layers belong to the base image (default: read from history and labels)",
      )
      .option(
        "--layer <n>",
        "list the files layer N added, modified and deleted (text, or json under layerFiles)",
      )
      .option(
        "--dockerfile",
        "print the Dockerfile reconstructed from the image history, and nothing else",
      )
      .action(async (ref, opts) => {
        const top = Number(opts.top);
        if (!Number.isInteger(top) || top < 1)
          throw new InputError(`--top must be a positive whole number, got "${opts.top}"`);
        const { parseBaseLayers } = await import("./history-lint.js");
        const baseLayers = parseBaseLayers(opts.baseLayers);
        const layer = parseLayer(opts.layer, opts.format);
        const extras = await (
          await import("./analyze-extras.js")
        ).prepareExtras(opts as AnalyzeExtraFlags, io);
        const { openRef, analyzeOpened } = await import("./image-side.js");
        const opened = await openRef(ref, opts as ImageFlags, io);
        const { image } = opened;
        let exitCode = EXIT_OK;
        try {
          if (opts.dockerfile) {
            const { dockerfileFromHistory } =
              await import("../analysis/dockerfile-from-history.js");
            const { terminalLines } = await import("../model/terminal-text.js");
            const { text } = dockerfileFromHistory(image.config, {
              baseLayers,
              reference: image.reference,
            });
            io.stdout(terminalLines(text));
            return setExit(EXIT_OK);
          }
          if (layer !== undefined && layer >= image.layers.length)
            throw new InputError(
              `--layer ${layer}: the image has ${image.layers.length} layer${image.layers.length === 1 ? "" : "s"} (0 to ${image.layers.length - 1})`,
            );
          const analyzed = await analyzeOpened(opened, { baseLayers, top });
          const { scan } = analyzed;
          const report =
            layer === undefined ? analyzed.report : await withLayerFiles(analyzed, layer);
          const emit = {
            report,
            scan,
            format: opts.format,
            top,
            flags: opts as AnalyzeExtraFlags,
            prepared: extras,
          };
          exitCode = await (
            await import("./analyze-extras.js")
          ).emitAnalyze(
            {
              ...emit,
              renderText: (color) =>
                layer === undefined
                  ? renderText(report, color, io, top)
                  : renderLayer(report as ReportWithLayer, color, io, top),
            },
            io,
          );
        } finally {
          await image.close();
        }
        setExit(exitCode);
      }),
  );
}

async function renderText(
  report: import("../model/report.js").ImageReport,
  color: boolean,
  io: CliIO,
  top: number,
): Promise<string> {
  const { renderText } = await import("../report/text.js");
  return renderText(report, {
    color,
    width: Number(io.env.COLUMNS) || 120,
    top: Math.min(top, 20),
  });
}

type ReportWithLayer = import("../model/report.js").ImageReport & {
  layerFiles: import("../model/layer-files.js").LayerFilesReport;
};

function parseLayer(value: string | undefined, format: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new InputError(`--layer takes a layer index (0 is the bottom layer), got "${value}"`);
  if (format !== "text" && format !== "json")
    throw new InputError(`--layer works with --format text or json, not ${format}`);
  return Number(value);
}

/** The report with `layerFiles`: the entries behind layer N's counts, from the per-path history. */
async function withLayerFiles(
  { scan, report }: import("./image-side.js").AnalyzedImage,
  layer: number,
): Promise<ReportWithLayer> {
  const [{ buildLayerTree }, { layerFiles }] = await Promise.all([
    import("../filetree/layer-tree.js"),
    import("../analysis/layer-files.js"),
  ]);
  const tree = buildLayerTree(scan.layers.map((l) => l.entries));
  return { ...report, layerFiles: layerFiles(tree, layer) };
}

async function renderLayer(
  report: ReportWithLayer,
  color: boolean,
  io: CliIO,
  top: number,
): Promise<string> {
  const { renderLayerText } = await import("../report/layer-text.js");
  return renderLayerText(report, report.layerFiles, {
    color,
    width: Number(io.env.COLUMNS) || 120,
    top,
  });
}
