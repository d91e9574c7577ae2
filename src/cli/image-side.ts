import { Option, type Command } from "@commander-js/extra-typings";
import type { ImageScan } from "../analysis/scan.js";
import type { Image } from "../model/image.js";
import type { Progress } from "./progress.js";
import { InputError } from "../model/errors.js";
import type { ImageReport } from "../model/report.js";
import type { CliIO } from "./io.js";
import type { OpenOptions } from "../sources/options.js";

/** The image-opening flags `analyze` has, for `diff` and `ci` (same names, same meaning). */
export interface ImageFlags {
  platform?: string;
  creds?: string;
  authfile?: string;
  tlsVerify?: boolean;
  cacheDir?: string;
  cache?: boolean;
  timeout?: number;
  retries?: number;
  quiet?: boolean;
  spoolLimit?: string;
}

export function addImageOptions<C extends Command<any, any, any>>(cmd: C): C {
  cmd
    .option(
      "--platform <os/arch[/variant]>",
      "platform to pick from a multi-platform image (default: the host's)",
    )
    .option(
      "--creds <user:password>",
      "registry credentials (default: auth files and credential helpers)",
    )
    .option("--authfile <path>", "registry auth file (config.json / auth.json format)")
    .addOption(
      new Option(
        "--tls-verify [bool]",
        "verify registry TLS certificates; false also allows plain HTTP",
      ).argParser(parseBool),
    )
    .option(
      "--cache",
      "keep registry layers in a cache by digest ($XDG_CACHE_HOME/ballast), for images analysed again",
    )
    .option("--cache-dir <dir>", "keep registry layers in a cache at <dir> (implies --cache)")
    .option("--no-cache", "no layer cache (the default)")
    .addOption(
      new Option(
        "--timeout <seconds>",
        "give up on a registry request making no progress for this long, retries included (default: 30)",
      ).argParser(parseSeconds),
    )
    .addOption(
      new Option(
        "--retries <n>",
        "times a failed registry request is tried again (default: 5)",
      ).argParser(parseCount),
    )
    .option("-q, --quiet", "no progress on stderr")
    .option(
      "--spool-limit <size>",
      "most a compressed docker save may decompress to in $TMPDIR (default 32GiB)",
    );
  return cmd;
}

async function spoolLimit(text: string): Promise<number> {
  const bytes = (await import("../analysis/gate-config.js")).parseSize(text);
  if (!bytes) throw new InputError(`--spool-limit takes a size such as 20GiB, got "${text}"`);
  return bytes;
}

function parseBool(value: string | boolean): boolean {
  if (value === true || value === "true") return true;
  if (value === "false") return false;
  throw new InputError(`--tls-verify takes true or false, got "${String(value)}"`);
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0) || n > 86_400)
    throw new InputError(`--timeout takes a number of seconds (0 < s <= 86400), got "${value}"`);
  return n;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 100)
    throw new InputError(`--retries takes a whole number from 0 to 100, got "${value}"`);
  return n;
}

export interface AnalyzedImage {
  scan: ImageScan;
  report: ImageReport;
}

/** The OpenOptions the image flags say (shared by every command that opens images). */
export async function openOptionsOf(flags: ImageFlags, io: CliIO): Promise<OpenOptions> {
  const [{ parsePlatform }, { defaultCacheDir }] = await Promise.all([
    import("../sources/platform.js"),
    import("../sources/registry/cache.js"),
  ]);
  return {
    platform: flags.platform ? parsePlatform(flags.platform) : undefined,
    env: io.env,
    creds: flags.creds,
    authfile: flags.authfile,
    tlsVerify: flags.tlsVerify,
    timeoutMs: flags.timeout === undefined ? undefined : flags.timeout * 1000,
    retries: flags.retries,
    cacheDir:
      flags.cache === false
        ? false
        : (flags.cacheDir ?? (flags.cache ? defaultCacheDir(io.env) : undefined)),
    spoolLimit: flags.spoolLimit === undefined ? undefined : await spoolLimit(flags.spoolLimit),
  };
}

/** Opens an image with the image flags; progress on a TTY stderr starts with the download. */
export async function openRef(ref: string, flags: ImageFlags, io: CliIO): Promise<OpenedImage> {
  const [{ openImage, isRemoteRef }, { createProgress }] = await Promise.all([
    import("../sources/index.js"),
    import("./progress.js"),
  ]);
  const progress = createProgress(io, Boolean(flags.quiet));
  // The scan's worker threads start while the manifest and config are fetched.
  if (isRemoteRef(ref)) (await import("../analysis/worker-pool.js")).prewarmLayerWorkers();
  const image = await openImage(ref, {
    ...(await openOptionsOf(flags, io)),
    onProgress: (event) => progress.onSource(event),
  }).finally(() => progress.end());
  const { terminalText } = await import("../model/terminal-text.js");
  for (const warning of image.warnings ?? []) io.stderr(`warning: ${terminalText(warning)}\n`);
  return { image, progress };
}

export interface OpenedImage {
  image: Image;
  progress: Progress;
}

/**
 * Scans and analyses an opened image with the registered detectors (package databases
 * captured, base image described), plus the lint rules over the Dockerfile read back from
 * its history: the findings `analyze`, `diff` and `ci` all report.
 */
export async function analyzeOpened(
  { image, progress }: OpenedImage,
  options: { baseLayers?: number; top?: number },
): Promise<AnalyzedImage> {
  const [{ scanImage }, { captureFor }] = await Promise.all([
    import("../analysis/scan.js"),
    import("../analysis/findings/index.js"),
  ]);
  progress.begin(image.layers.map((l) => l.size));
  const scan = await scanImage(image, {
    capture: captureFor(image.config),
    onLayerBytes: (layer, n) => progress.onLayerBytes(layer, n),
    onLayerDone: (layer) => progress.onLayerDone(layer),
  }).finally(() => progress.end());
  return { scan, report: await reportOfScan(scan, options) };
}

/** The report of a scanned image: sizes and waste, the detectors' findings, and the history lint. */
export async function reportOfScan(
  scan: ImageScan,
  options: { baseLayers?: number; top?: number },
): Promise<ImageReport> {
  const [{ buildReport }, { DETECTORS, describeBase }, { lintHistory }] = await Promise.all([
    import("../analysis/analyze.js"),
    import("../analysis/findings/index.js"),
    import("./history-lint.js"),
  ]);
  const report = buildReport(scan, {
    top: options.top,
    detectors: DETECTORS,
    baseLayers: options.baseLayers,
    describeBase,
  });
  const history = await lintHistory(scan.image.config, {
    baseLayers: options.baseLayers,
    reference: scan.image.reference,
  });
  report.findings.push(...history);
  return report;
}

/** Opens, scans and analyses one image, then releases it. */
export async function analyzeRef(
  ref: string,
  flags: ImageFlags & { baseLayers?: number },
  io: CliIO,
): Promise<AnalyzedImage> {
  const opened = await openRef(ref, flags, io);
  try {
    return await analyzeOpened(opened, flags);
  } finally {
    await opened.image.close();
  }
}
