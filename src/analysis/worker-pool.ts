import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Readable } from "node:stream";
import { InputError } from "../model/errors.js";
import type { ImageLayer } from "../model/image.js";
import { drainForError, type LayerRead } from "../tar/read-layer.js";
import type { CaptureList } from "./capture.js";
import type { FromWorker, ToWorker } from "./layer-worker.js";
import { canReadSync } from "./read-layer-file.js";

/** Bytes per message to a worker: network chunks (16–64 KiB) are gathered into batches. */
const BATCH = 1 << 20;
/** Batches in flight to one worker: enough to keep it busy, few enough to bound memory. */
const WINDOW = 8;
/**
 * A lane opens its next blob when this many bytes of the current one are left to receive:
 * with the window, the worker then has up to 16 MiB queued (50–130 ms of work here), which
 * hides the next request's latency (5–30 ms from a registry) without committing the lane to
 * its next layer much before the other lane could have taken it.
 */
const AHEAD = WINDOW * BATCH;

/** Workers started ahead of a scan by prewarmLayerWorkers, taken by the next scans. */
const warm: Worker[] = [];

/**
 * Starts the two workers a scan will use, so that their start-up (about 70 ms: a thread, an
 * isolate, the reader's modules) overlaps what comes before the scan, such as fetching a
 * manifest and config from a registry. Idle workers never keep the process alive.
 */
export function prewarmLayerWorkers(): void {
  if (!canReadSync() || availableParallelism() < 2) return;
  while (warm.length < 2) warm.push(spawnWorker());
}

/** A layer given to a worker lane. */
export interface LayerJob {
  /**
   * Settles once the lane may queue its next layer on the same worker: when all but the last
   * AHEAD bytes of a streamed blob have arrived (so that the next blob's request and first
   * bytes overlap the work left on this one), or when a file-backed layer (which the worker
   * reads itself) or a failed one is done.
   */
  handedOver: Promise<void>;
  result: Promise<LayerRead>;
}

/**
 * Layer-reading threads, one per scan lane, so that two cores decompress, hash and parse two
 * layers at once. Used only where canReadSync() (read-layer-file.ts).
 */
export class LayerWorkers {
  private all: Worker[] = [];
  /** Stops for the streams being pumped into workers. */
  private readonly running = new Set<(err: Error) => void>();
  private jobs = 0;

  /**
   * A worker for one scan lane, as a function that gives it a layer: a file-backed blob is
   * read by the worker itself, any other is opened (and verified) here and streamed to it.
   * The worker reads its layers one after the other, in the order given.
   */
  lane(): (layer: ImageLayer, capture?: CaptureList, onBytes?: (n: number) => void) => LayerJob {
    const worker = warm.pop() ?? spawnWorker();
    this.all.push(worker);
    // The worker takes messages in order: a layer's start must follow the previous one's end.
    let turn = Promise.resolve();
    return (layer, capture, onBytes) => {
      let handOver!: () => void;
      let sent!: () => void;
      const handedOver = new Promise<void>((resolve) => (handOver = resolve));
      const previous = turn;
      turn = new Promise<void>((resolve) => (sent = resolve));
      const result = (async () => {
        try {
          const { diffId, file, size } = layer;
          const start = { type: "start", job: ++this.jobs, diffId, capture, file, size } as const;
          // Opened at once, read once the previous layer is sent: its request overlaps that.
          const blob = file ? undefined : await layer.open();
          // An error while it waits is taken up below; unheard, it would end the process.
          blob?.on("error", () => undefined);
          const stop = (err: Error) => blob?.destroy(err);
          this.running.add(stop);
          try {
            await previous;
            if (blob?.errored) throw blob.errored;
            return await pump(worker, blob, start, onBytes, { handOver, sent });
          } finally {
            this.running.delete(stop);
          }
        } finally {
          handOver();
          sent();
        }
      })();
      return { handedOver, result };
    };
  }

  /**
   * Stops the workers. Streams still being pumped (the other lane, when one failed) are
   * destroyed first, so that a download in progress removes its cache temp file. The
   * threads end in the background: waiting for them cost the scan 18 ms, and unreferenced
   * workers never hold the process.
   */
  close(): void {
    for (const stop of this.running) stop(new Error("scan stopped"));
    for (const w of this.all) void w.terminate();
    this.all = [];
  }
}

function spawnWorker(): Worker {
  // Under tsx or vitest this module is TypeScript: the worker registers tsx's loader first.
  const ts = import.meta.url.endsWith(".ts");
  const url = new URL(`./layer-worker.${ts ? "ts" : "js"}`, import.meta.url).href;
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`;
  // A small young generation: the parser churns short-lived buffers, and a worker would
  // otherwise grow its heap by tens of MB before collecting them.
  const resourceLimits = { maxYoungGenerationSizeMb: 8 };
  const worker = ts
    ? new Worker(bootstrap, { eval: true, resourceLimits })
    : new Worker(new URL(url), { resourceLimits });
  worker.unref();
  return worker;
}

/**
 * Sends `start`, then the blob's bytes in batches of BATCH, at most WINDOW of them
 * unacknowledged; the worker hands each batch's buffer back with its ack, so the same few
 * buffers carry the whole blob. Tells the lane when all but AHEAD bytes have arrived
 * (`handOver`) and when the last message is sent (`sent`); resolves with the worker's
 * answer. Several pumps may share a worker: each hears only its own job.
 */
function pump(
  worker: Worker,
  blob: Readable | undefined,
  start: Extract<ToWorker, { type: "start" }>,
  onBytes: ((n: number) => void) | undefined,
  lane: { handOver(): void; sent(): void },
): Promise<LayerRead> {
  return new Promise((resolve, reject) => {
    const send = (msg: ToWorker, transfer?: ArrayBuffer[]) => worker.postMessage(msg, transfer);
    const spare: Uint8Array[] = [];
    let batch: Uint8Array | undefined;
    let used = 0;
    let inFlight = 0;
    const post = () => {
      const data = batch!.subarray(0, used);
      send({ type: "chunk", data }, [data.buffer as ArrayBuffer]);
      batch = undefined;
      used = 0;
      if (++inFlight >= WINDOW) blob!.pause();
    };
    let received = 0;
    const onData = (chunk: Buffer) => {
      onBytes?.(chunk.length);
      if ((received += chunk.length) >= start.size - AHEAD) lane.handOver();
      for (let at = 0; at < chunk.length;) {
        batch ??= spare.pop() ?? new Uint8Array(BATCH);
        const n = Math.min(chunk.length - at, BATCH - used);
        batch.set(chunk.subarray(at, at + n), used);
        used += n;
        at += n;
        if (used === BATCH) post();
      }
    };
    const onEnd = () => {
      if (used > 0) post();
      send({ type: "end" });
      lane.sent();
    };
    const onMessage = (msg: FromWorker) => {
      if (msg.job !== start.job) return; // another layer's, queued or abandoned on this worker
      if (msg.type === "ack") {
        spare.push(new Uint8Array(msg.data.buffer));
        if (--inFlight < WINDOW && blob?.isPaused()) blob.resume();
        return;
      }
      if (msg.type === "bytes") return onBytes?.(msg.n);
      cleanup();
      if (msg.type === "done") return resolve(revive(msg.result));
      const failure = msg.input ? new InputError(msg.message) : new Error(msg.message);
      // As in readLayer: a corrupt blob is better reported by its digest than by the parser.
      if (!blob) return reject(failure);
      void drainForError(blob).then((err) => reject(err ?? failure));
    };
    // A failing blob leaves its reader on the worker, which the next start replaces.
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    // After the worker's answer nothing more may reach it: it will read another layer next.
    const cleanup = () => {
      worker.off("message", onMessage).off("error", onError);
      blob?.off("error", onError).off("data", onData).off("end", onEnd);
    };
    worker.on("message", onMessage).on("error", onError);
    blob?.on("error", onError);
    send(start);
    if (!blob) lane.sent(); // the worker reads the file itself
    blob?.on("data", onData).on("end", onEnd);
  });
}

/** Structured clone turns Buffers into Uint8Arrays; captured contents are Buffers again. */
function revive(read: LayerRead): LayerRead {
  for (const e of read.entries)
    if (e.content)
      e.content = Buffer.from(e.content.buffer, e.content.byteOffset, e.content.byteLength);
  return read;
}
