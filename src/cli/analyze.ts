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
        "--dockerfile",
        "print the Dockerfile reconstructed from the image history, and nothing else",
      )
      .action(async (ref, opts) => {
        const top = Number(opts.top);
        if (!Number.isInteger(top) || top < 1)
          throw new InputError(`--top must be a positive whole number, got "${opts.top}"`);
        const { parseBaseLayers } = await import("./history-lint.js");
        const baseLayers = parseBaseLayers(opts.baseLayers);
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
          const { scan, report } = await analyzeOpened(opened, { baseLayers, top });
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
          ).emitAnalyze({ ...emit, renderText: (color) => renderText(report, color, io, top) }, io);
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
