import { Option, type Command } from "@commander-js/extra-typings";
import type { CliIO } from "./io.js";
import { EXIT_OK } from "./exit.js";
import { InputError } from "../model/errors.js";
import { addAnalyzeExtraOptions, EXTRA_FORMATS, type AnalyzeExtraFlags } from "./analyze-extras.js";

const FORMATS = ["text", "json", ...EXTRA_FORMATS] as const;

export function registerAnalyze(
  program: Command,
  io: CliIO,
  setExit: (code: number) => void,
): void {
  addAnalyzeExtraOptions(
    program
      .command("analyze")
      .description("analyze a container image: layers, sizes, exact waste, duplicates, findings")
      .argument(
        "<image>",
        "docker://HOST/REPO[:TAG|@DIGEST], docker-daemon:NAME[:TAG], podman:NAME[:TAG], docker-archive:PATH[:ref], oci:DIR[:tag], oci-archive:PATH[:tag], or a path (format detected)",
      )
      .addOption(
        new Option("-f, --format <format>", "output format")
          .choices(FORMATS)
          .default("text" as const),
      )
      .option(
        "--platform <os/arch[/variant]>",
        "platform to pick from a multi-platform image (default: the host's)",
      )
      .option(
        "--top <n>",
        "rows per section in text output, and largest files/dirs listed in JSON",
        "20",
      )
      .option(
        "--creds <user:password>",
        "registry credentials (default: auth files and credential helpers)",
      )
      .option(
        "--authfile <path>",
        "registry auth file to use instead of the default ones (config.json / auth.json format)",
      )
      .option(
        "--tls-verify [bool]",
        "verify registry TLS certificates; false also allows plain HTTP",
        parseBool,
      )
      .option(
        "--cache-dir <dir>",
        "layer cache for registry images (default: $XDG_CACHE_HOME/ballast)",
      )
      .option("--no-cache", "neither read nor write the registry layer cache")
      .option("-q, --quiet", "no progress on stderr")
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
        const { lintHistory, parseBaseLayers } = await import("./history-lint.js");
        const baseLayers = parseBaseLayers(opts.baseLayers);
        const extras = await (
          await import("./analyze-extras.js")
        ).prepareExtras(opts as AnalyzeExtraFlags, io);
        const [
          { openImage },
          { parsePlatform },
          { scanImage },
          { buildReport },
          { DETECTORS, captureFor, describeBase },
        ] = await Promise.all([
          import("../sources/index.js"),
          import("../sources/platform.js"),
          import("../analysis/scan.js"),
          import("../analysis/analyze.js"),
          import("../analysis/findings/index.js"),
        ]);
        const progress = (await import("./progress.js")).createProgress(io, Boolean(opts.quiet));
        const image = await openImage(ref, {
          platform: opts.platform ? parsePlatform(opts.platform) : undefined,
          env: io.env,
          creds: opts.creds,
          authfile: opts.authfile,
          tlsVerify: opts.tlsVerify,
          cacheDir: opts.cache === false ? false : opts.cacheDir,
          onProgress: (event) => progress.onSource(event),
        }).finally(() => progress.end());
        let exitCode = EXIT_OK;
        try {
          if (opts.dockerfile) {
            const { dockerfileFromHistory } =
              await import("../analysis/dockerfile-from-history.js");
            io.stdout(
              dockerfileFromHistory(image.config, { baseLayers, reference: image.reference }).text,
            );
            return setExit(EXIT_OK);
          }
          progress.begin(image.layers.map((l) => l.size));
          const options = {
            top,
            detectors: DETECTORS,
            describeBase,
            baseLayers,
            capture: captureFor(image.config),
            onLayerBytes: (layer: number, n: number) => progress.onLayerBytes(layer, n),
            onLayerDone: (layer: number) => progress.onLayerDone(layer),
          };
          const scan = await scanImage(image, options).finally(() => progress.end());
          const report = buildReport(scan, options);
          report.findings.push(
            ...(await lintHistory(image.config, { baseLayers, reference: image.reference })),
          );
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
          ).emitAnalyze({ ...emit, renderBasic: () => render(opts.format, report, io, top) }, io);
        } finally {
          await image.close();
        }
        setExit(exitCode);
      }),
  );
}

/** `--tls-verify`, `--tls-verify=true|false` as skopeo spells them. */
function parseBool(value: string | boolean): boolean {
  if (value === true || value === "true") return true;
  if (value === "false") return false;
  throw new InputError(`--tls-verify takes true or false, got "${String(value)}"`);
}

async function render(
  format: (typeof FORMATS)[number],
  report: import("../model/report.js").ImageReport,
  io: CliIO,
  top: number,
): Promise<string> {
  if (format === "json") return (await import("../report/json.js")).renderJson(report);
  const { renderText } = await import("../report/text.js");
  const color = io.stdoutIsTTY && !io.env.NO_COLOR;
  return renderText(report, {
    color,
    width: Number(io.env.COLUMNS) || 120,
    top: Math.min(top, 20),
  });
}
