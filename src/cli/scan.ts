import { Option, type Command } from "@commander-js/extra-typings";
import type { CliIO } from "./io.js";
import { EXIT_OK } from "./exit.js";
import { InputError } from "../model/errors.js";
import { addImageOptions, type ImageFlags } from "./image-side.js";
import type { OpenOptions } from "../sources/options.js";

const FORMATS = ["text", "json", "html"] as const;

interface FleetFlags extends ImageFlags {
  repo?: string[];
  tag?: string[];
  since?: string;
  store?: string;
  queue?: string;
  format: (typeof FORMATS)[number];
  output?: string;
  top: string;
}

/** `ballast scan REGISTRY[/REPO…]` and `ballast worker --queue URL`. */
export function registerScan(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addImageOptions(program.command("scan"))
    .description("scan a whole registry: each distinct layer read once, one fleet report")
    .argument(
      "<registry...>",
      "HOST[:PORT] for the whole catalog, or HOST[:PORT]/REPO for one repository (several allowed)",
    )
    .option("--repo <glob...>", "only repositories matching these globs")
    .option("--tag <glob...>", "only tags matching these globs")
    .option("--since <date>", "only images created at or after this date (ISO 8601)")
    .option(
      "--store <dir>",
      "layer-summary store (default: $XDG_CACHE_HOME/ballast/fleet; with --queue: the queue's Redis)",
    )
    .option(
      "--queue <redis-url>",
      "enqueue the work on BullMQ in this Redis; `ballast worker` processes it",
    )
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(FORMATS)
        .default("text" as const),
    )
    .option("-o, --output <file>", "write the report to a file")
    .option("--top <n>", "rows per list (0: everything; totals are always exact)", "20")
    .action(async (targets, opts) => setExit(await runScan(targets, opts as FleetFlags, io)));

  addImageOptions(program.command("worker"))
    .description("process `ballast scan --queue` jobs (layers and images) from a BullMQ queue")
    .requiredOption("--queue <redis-url>", "the Redis the scan enqueues on")
    .option(
      "--store <dir>",
      "layer-summary store shared with the scan (default: the queue's Redis)",
    )
    .option("--concurrency <n>", "jobs at once in this process", "1")
    .option("--lock-seconds <n>", "a killed worker's job is taken over after this long", "30")
    .action(async (opts) => {
      await runWorker(
        opts as ImageFlags & {
          queue: string;
          store?: string;
          concurrency: string;
          lockSeconds: string;
        },
        io,
      );
      setExit(EXIT_OK);
    });
}

function positiveInt(value: string, flag: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new InputError(`${flag} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

const openOptions = async (flags: ImageFlags, io: CliIO): Promise<OpenOptions> =>
  (await import("./image-side.js")).openOptionsOf(flags, io);

/** Splits `HOST[:PORT][/REPO]` arguments: one registry, any number of repositories. */
export function parseTargets(targets: string[]): { registry: string; repositories: string[] } {
  let registry: string | undefined;
  const repositories: string[] = [];
  for (const raw of targets) {
    const t = raw.replace(/^docker:\/\//, "").replace(/\/+$/, "");
    const slash = t.indexOf("/");
    const host = slash < 0 ? t : t.slice(0, slash);
    if (!/^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/.test(host))
      throw new InputError(`not a registry host: ${JSON.stringify(raw)}`);
    if (registry && registry !== host)
      throw new InputError(`one registry per scan: ${registry} and ${host}`);
    registry = host;
    if (slash >= 0) repositories.push(t.slice(slash + 1));
  }
  return { registry: registry!, repositories };
}

async function runScan(targets: string[], flags: FleetFlags, io: CliIO): Promise<number> {
  const top = positiveInt(flags.top, "--top", 0);
  const since = flags.since === undefined ? undefined : new Date(flags.since);
  if (since && Number.isNaN(since.getTime()))
    throw new InputError(`--since: not a date: "${flags.since}"`);
  const { registry, repositories } = parseTargets(targets);
  const [{ scanFleet }, { buildFleetReport }, { storedSummary }, { captureFor }, { reportOfScan }] =
    await Promise.all([
      import("../fleet/scan.js"),
      import("../fleet/report.js"),
      import("../fleet/layers.js"),
      import("../analysis/findings/index.js"),
      import("./image-side.js"),
    ]);
  const open = await openOptions(flags, io);
  const redis = flags.queue
    ? await (await import("../fleet/queue.js")).connectRedis(flags.queue)
    : undefined;
  try {
    const store = await storeFor(flags.store, redis, io);
    const runner = redis
      ? new (await import("../fleet/queue.js")).QueueRunner({
          redis,
          store,
          open,
          capture: captureFor,
        })
      : undefined;
    const quiet = flags.quiet || !io.stderrIsTTY;
    const scan = await scanFleet({
      registry,
      repositories,
      filter: { repositories: flags.repo, tags: flags.tag },
      since,
      platform: open.platform,
      open,
      store,
      runner,
      capture: captureFor,
      analyze: (s) => reportOfScan(s, {}),
      onImage: quiet
        ? undefined
        : (img, i, n) => io.stderr(`[${i + 1}/${n}] ${img.repository}:${img.tags.join(",")}\n`),
    });
    const report = await buildFleetReport(scan, { top, loadLayer: (d) => storedSummary(store, d) });
    const text =
      flags.format === "json"
        ? `${JSON.stringify(report, null, 2)}\n`
        : flags.format === "html"
          ? (await import("../report/fleet-html.js")).renderFleetHtml(report)
          : (await import("../report/fleet-text.js")).renderFleetText(report);
    await (await import("./output.js")).writeOutput(io, text, flags.output);
    return EXIT_OK;
  } finally {
    await redis?.quit().catch(() => undefined);
  }
}

async function storeFor(
  dir: string | undefined,
  redis: import("ioredis").Redis | undefined,
  io: CliIO,
) {
  if (dir || !redis) {
    const { DirStore } = await import("../fleet/store.js");
    const { join } = await import("node:path");
    const { defaultCacheDir } = await import("../sources/registry/cache.js");
    return new DirStore(dir ?? join(defaultCacheDir(io.env), "fleet"));
  }
  return new (await import("../fleet/redis-store.js")).RedisStore(redis);
}

async function runWorker(
  flags: ImageFlags & { queue: string; store?: string; concurrency: string; lockSeconds: string },
  io: CliIO,
): Promise<void> {
  const concurrency = positiveInt(flags.concurrency, "--concurrency");
  const lockMs = positiveInt(flags.lockSeconds, "--lock-seconds") * 1000;
  const [{ connectRedis, startWorker }, { captureFor }, { reportOfScan }] = await Promise.all([
    import("../fleet/queue.js"),
    import("../analysis/findings/index.js"),
    import("./image-side.js"),
  ]);
  const redis = await connectRedis(flags.queue);
  const store = flags.store ? await storeFor(flags.store, redis, io) : undefined;
  const worker = startWorker({
    redis,
    store,
    open: await openOptions(flags, io),
    capture: captureFor,
    analyze: (s) => reportOfScan(s, {}),
    concurrency,
    lockMs,
    onJob: flags.quiet ? undefined : (name, id) => io.stderr(`${name} job ${id}\n`),
  });
  await worker.waitUntilReady();
  io.stderr(`ballast worker: waiting for jobs on ${new URL(flags.queue).host}\n`);
  // Runs until SIGINT/SIGTERM: the current job finishes (or its lock lapses for another worker).
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await worker.close();
  await redis.quit().catch(() => undefined);
}
