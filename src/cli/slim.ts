import { Option, type Command } from "@commander-js/extra-typings";
import type { CliIO } from "./io.js";
import { EXIT_OK } from "./exit.js";
import { InputError } from "../model/errors.js";
import { addImageOptions, type ImageFlags } from "./image-side.js";
import { commaList } from "./comma-list.js";

export function registerSlim(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addImageOptions(program.command("slim"))
    .description(
      "write a smaller image without rebuilding it: squash hidden bytes away, strip leftovers",
    )
    .argument("<source>", "the image, as `ballast analyze` reads it")
    .option(
      "-o, --output <dest>",
      "docker-archive:PATH[:NAME:TAG], oci-archive:PATH[:TAG], oci:DIR[:TAG] or docker://HOST/REPO:TAG",
    )
    .addOption(
      new Option("--squash <which>", "squash the layers above the base (upper) or all")
        .choices(["upper", "all"] as const)
        .default("upper" as const),
    )
    .option(
      "--base-layers <n>",
      "how many layers belong to the base image (default: read from history)",
    )
    .option(
      "--strip <sets>",
      "strip sets, comma-separated, or all: apt-lists, package-caches, docs, locales, python-bytecode, git, headers-static-libs, tests",
    )
    .option(
      "--keep-locale <names>",
      "locales the locales set keeps (e.g. en,de)",
      commaList,
      [] as string[],
    )
    .option(
      "--aggressive",
      "also strip files that installed packages own (config files always stay)",
    )
    .addOption(
      new Option("--compress <algorithm>", "compression of the new layer")
        .choices(["gzip", "zstd"] as const)
        .default("gzip" as const),
    )
    .option(
      "--created <timestamp>",
      "set the image's `created` (RFC 3339, or `now`); default: kept",
    )
    .option("--dry-run", "print what would be removed, per strip set and layer; write nothing")
    .addOption(
      new Option("-f, --format <format>", "report format")
        .choices(["text", "json"] as const)
        .default("text" as const),
    )
    .action(async (source, opts) => {
      if (!opts.output && !opts.dryRun) throw new InputError("slim needs -o DEST (or --dry-run)");
      const [{ parseStripSets }, { parseBaseLayers }, { parseDestination }] = await Promise.all([
        import("../slim/strip-sets.js"),
        import("./history-lint.js"),
        import("../slim/destination.js"),
      ]);
      const strip = parseStripSets(opts.strip);
      const baseLayers = parseBaseLayers(opts.baseLayers);
      const created = parseCreated(opts.created);
      if (!opts.dryRun) (await import("../slim/compress.js")).checkCompression(opts.compress);
      const flags = opts as ImageFlags;
      const dest =
        opts.output && !opts.dryRun
          ? parseDestination(opts.output, source, {
              creds: flags.creds,
              authfile: flags.authfile,
              tlsVerify: flags.tlsVerify,
              env: io.env,
            })
          : undefined;
      const { openRef } = await import("./image-side.js");
      const { image } = await openRef(source, flags, io);
      try {
        const { slimImage } = await import("../slim/run.js");
        const summary = await slimImage(image, dest, {
          squash: opts.squash,
          baseLayers,
          strip,
          aggressive: Boolean(opts.aggressive),
          keepLocales: opts.keepLocale,
          compress: opts.compress,
          created,
          dryRun: Boolean(opts.dryRun),
          command: slimCommand(opts),
        });
        if (opts.format === "json") io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
        else
          io.stdout(
            (await import("../slim/render-text.js")).renderSlimText(summary, dest?.reference),
          );
      } finally {
        await image.close();
      }
      setExit(EXIT_OK);
    });
}

function parseCreated(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === "now") return new Date().toISOString();
  if (
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/.test(value) ||
    Number.isNaN(Date.parse(value))
  )
    throw new InputError(
      `--created takes an RFC 3339 timestamp (2024-05-01T12:00:00Z) or now, got "${value}"`,
    );
  return value;
}

/** The history entry's created_by: the options that shape the output, never credentials or paths. */
function slimCommand(opts: {
  squash: string;
  strip?: string;
  aggressive?: boolean;
  keepLocale: string[];
  compress: string;
  baseLayers?: string;
}): string {
  const parts = ["ballast slim", `--squash ${opts.squash}`];
  if (opts.baseLayers !== undefined) parts.push(`--base-layers ${opts.baseLayers}`);
  if (opts.strip) parts.push(`--strip ${opts.strip}`);
  if (opts.keepLocale.length) parts.push(`--keep-locale ${opts.keepLocale.join(",")}`);
  if (opts.aggressive) parts.push("--aggressive");
  parts.push(`--compress ${opts.compress}`);
  return parts.join(" ");
}
