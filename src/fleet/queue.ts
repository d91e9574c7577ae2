import { createHash } from "node:crypto";
import { Queue, QueueEvents, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { InputError } from "../model/errors.js";
import type { OpenOptions } from "../sources/options.js";
import {
  emptyStats,
  readAndStore,
  storedSummary,
  servesCapture,
  type ReadStats,
} from "./layers.js";
import { RedisStore } from "./redis-store.js";
import {
  reportImage,
  type CapturePlanner,
  type FleetEntry,
  type FleetRunner,
  type ImageAnalyzer,
} from "./scan.js";
import type { FleetImage } from "./targets.js";
import type { FleetStore } from "./store.js";
import { mapLimit } from "./limit.js";

/** Queue name in Redis; one queue carries both kinds of job. */
export const QUEUE_NAME = "ballast-fleet";

/** A layer job: read one blob (opened through one image that holds it) into the store. */
interface LayerJob {
  ref: string;
  digest: string;
  capturePaths: string[];
}
/** An image job: assemble one image's report from the store (reading what it still lacks). */
type ImageJob = FleetImage;
type JobResult = { stats: ReadStats; entry?: FleetEntry };

/**
 * A Redis connection for BullMQ: `redis://HOST:PORT[/DB]`, ready to use, or an InputError
 * within `timeoutMs` (ioredis alone would retry an unreachable server forever). BullMQ needs
 * maxRetriesPerRequest null: it blocks on Redis commands and must not give up on them.
 */
export async function connectRedis(url: string, timeoutMs = 10_000): Promise<Redis> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`--queue must be a redis:// URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:")
    throw new InputError(`--queue must be a redis:// URL, got "${parsed.protocol}"`);
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  let lastError = "";
  // Errors after the first connection are ioredis's to retry; they must not crash the process.
  redis.on("error", (err: Error) => (lastError = err.message));
  const ready = new Promise<void>((resolve) => redis.once("ready", () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">(
    (resolve) => (timer = setTimeout(() => resolve("late"), timeoutMs)),
  );
  const outcome = await Promise.race([ready, late]);
  clearTimeout(timer);
  if (outcome === "late") {
    redis.disconnect();
    throw new InputError(
      `cannot reach Redis at ${parsed.host} within ${timeoutMs / 1000} s${lastError ? `: ${lastError}` : ""}`,
    );
  }
  return redis;
}

/** Job ids say what they are for, so a second enqueue of the same work is a no-op while it runs. */
const jobId = (kind: string, digest: string, extra = "") =>
  `${kind}-${digest.replace(":", "-")}${extra ? `-${extra}` : ""}`;

export interface QueueRunnerOptions {
  redis: Redis;
  store: FleetStore;
  open: OpenOptions;
  capture: CapturePlanner;
  /** Retries of a job that failed or whose worker died (default 3 attempts). */
  attempts?: number;
  /** Longest wait for one job to finish (default 6 hours). */
  jobTimeoutMs?: number;
}

/**
 * Runs a scan as BullMQ jobs: first one job per distinct layer the store lacks, then one job
 * per image. Workers (`ballast worker`) do the reading; this process only lists, enqueues and
 * waits, so it needs no bandwidth of its own.
 */
export class QueueRunner implements FleetRunner {
  constructor(private readonly options: QueueRunnerOptions) {}

  async run(images: FleetImage[], stats: ReadStats): Promise<FleetEntry[]> {
    const { redis } = this.options;
    const queue = new Queue(QUEUE_NAME, { connection: redis });
    // QueueEvents blocks on its connection: it needs one of its own, closed with it.
    const eventsConnection = redis.duplicate();
    eventsConnection.on("error", () => undefined);
    const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
    await events.waitUntilReady();
    try {
      const layerJobs = await this.enqueueLayers(queue, images, stats);
      await Promise.all(
        layerJobs.map((job) => this.wait(job, events, stats).catch(() => undefined)),
      );
      const scanId = createHash("sha256")
        .update(`${Date.now()}:${Math.random()}`)
        .digest("hex")
        .slice(0, 12);
      // One job per manifest: repositories holding the same manifest share its report.
      const byManifest = new Map<string, FleetImage>();
      for (const img of images)
        if (!byManifest.has(img.manifestDigest)) byManifest.set(img.manifestDigest, img);
      queue.setMaxListeners(byManifest.size + layerJobs.length + 10);
      const results = new Map<string, Promise<FleetEntry>>();
      for (const [digest, img] of byManifest) {
        const job = await queue.add("image", img, {
          jobId: jobId("image", digest, scanId),
          attempts: this.options.attempts ?? 3,
          backoff: { type: "exponential", delay: 1000 },
          removeOnComplete: true,
          removeOnFail: true,
        });
        results.set(
          digest,
          this.wait(job, events, stats).then(
            (r) => r.entry ?? { ...img, error: "no report" },
            (err: unknown) => ({ ...img, error: err instanceof Error ? err.message : String(err) }),
          ),
        );
      }
      return await Promise.all(
        images.map(async (img): Promise<FleetEntry> => {
          const done = await results.get(img.manifestDigest)!;
          if (!done.report)
            return {
              ...img,
              ...(done.error ? { error: done.error } : {}),
              ...(done.skipped ? { skipped: true } : {}),
            };
          return {
            ...img,
            report: { ...done.report, image: { ...done.report.image, reference: img.ref } },
          };
        }),
      );
    } finally {
      await events.close();
      await queue.close();
      await eventsConnection.quit().catch(() => undefined);
    }
  }

  /** One job per layer digest the store cannot serve, opened through the first image that has it. */
  private async enqueueLayers(
    queue: Queue,
    images: FleetImage[],
    stats: ReadStats,
  ): Promise<Job[]> {
    const { openRegistryImage } = await import("../sources/registry/image.js");
    const wanted = new Map<string, LayerJob>();
    // Each distinct manifest is opened once (manifest and config), eight at a time.
    const distinct = [...new Map(images.map((img) => [img.manifestDigest, img])).values()];
    const opened = await mapLimit(distinct, 8, async (img) => {
      const image = await openRegistryImage(img.ref, this.options.open).catch(() => undefined);
      await image?.close(); // only its config and layer list are used below
      return image && { img, image };
    });
    for (const found of opened) {
      if (!found) continue; // the image job reports the error
      const capture = this.options.capture(found.image.config);
      for (const layer of found.image.layers) {
        if (wanted.has(layer.digest)) continue;
        const stored = await storedSummary(this.options.store, layer.digest);
        if (stored && servesCapture(stored, capture)) {
          stats.storeHits++;
          continue;
        }
        wanted.set(layer.digest, {
          ref: found.img.ref,
          digest: layer.digest,
          capturePaths: capture.paths,
        });
      }
    }
    const jobs: Job[] = [];
    for (const data of wanted.values()) {
      const id = jobId("layer", data.digest);
      // A job that failed in an earlier scan keeps its id: clear it so this scan tries again.
      const old = await queue.getJob(id);
      if (old && (await old.isFailed())) await old.remove();
      jobs.push(
        await queue.add("layer", data, {
          jobId: id,
          attempts: this.options.attempts ?? 3,
          backoff: { type: "exponential", delay: 1000 },
          removeOnComplete: true,
          removeOnFail: { age: 3600 },
        }),
      );
    }
    return jobs;
  }

  private async wait(job: Job, events: QueueEvents, stats: ReadStats): Promise<JobResult> {
    const result = (await job.waitUntilFinished(
      events,
      this.options.jobTimeoutMs ?? 6 * 3600e3,
    )) as JobResult;
    if (result?.stats) {
      stats.layersRead += result.stats.layersRead;
      stats.layerBytesRead += result.stats.layerBytesRead;
      stats.storeHits += result.stats.storeHits;
    }
    return result ?? { stats: emptyStats() };
  }
}

export interface WorkerOptions {
  redis: Redis;
  store?: FleetStore;
  open: OpenOptions;
  analyze: ImageAnalyzer;
  capture: CapturePlanner;
  /** Jobs this process runs at once (default 1; layers are CPU-bound: one worker per core). */
  concurrency?: number;
  /** How long a job's lock lasts without renewal: a killed worker's job is taken up after it (default 30 s). */
  lockMs?: number;
  onJob?: (name: string, id: string | undefined) => void;
}

/** A worker process's job loop: layer jobs fill the store, image jobs return reports. */
export function startWorker(options: WorkerOptions): Worker {
  const store = options.store ?? new RedisStore(options.redis);
  const lockDuration = options.lockMs ?? 30_000;
  return new Worker(
    QUEUE_NAME,
    async (job: Job): Promise<JobResult> => {
      options.onJob?.(job.name, job.id);
      const stats = emptyStats();
      if (job.name === "layer") {
        const data = job.data as LayerJob;
        const { openRegistryImage } = await import("../sources/registry/image.js");
        const image = await openRegistryImage(data.ref, options.open);
        try {
          const layer = image.layers.find((l) => l.digest === data.digest);
          if (!layer) throw new InputError(`${data.ref} has no layer ${data.digest}`);
          // Another worker may have finished it meanwhile (a retried job): then nothing is read.
          const stored = await storedSummary(store, data.digest);
          if (!stored || !servesCapture(stored, { patterns: [], paths: data.capturePaths }))
            await readAndStore(
              layer,
              { ...options.capture(image.config), paths: data.capturePaths },
              store,
              stats,
            );
        } finally {
          await image.close();
        }
        return { stats };
      }
      const entry = await reportImage(job.data as ImageJob, { ...options, store }, stats);
      return { stats, entry };
    },
    {
      connection: options.redis,
      concurrency: options.concurrency ?? 1,
      lockDuration,
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
      maxStalledCount: 3,
    },
  );
}
