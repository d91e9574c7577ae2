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

/**
 * Layer-reading threads, one per scan lane (spawned on demand), so that two cores decompress,
 * hash and parse two layers at once. Used only where canReadSync() (read-layer-file.ts).
 */
export class LayerWorkers {
  private idle: Worker[] = [];
  private all: Worker[] = [];
  /** Stops for the streams being pumped into workers. */
  private readonly running = new Set<(err: Error) => void>();
  private jobs = 0;

  /**
   * Reads `layer` in a worker: a file-backed blob is read by the worker itself, any other is
   * opened (and verified) here and streamed to it.
   */
  async read(
    layer: ImageLayer,
    capture: CaptureList | undefined,
    onBytes?: (n: number) => void,
  ): Promise<LayerRead> {
    const worker = this.idle.pop() ?? warm.pop() ?? spawnWorker();
    if (!this.all.includes(worker)) this.all.push(worker);
    try {
      const { diffId, file, size } = layer;
      const start = { type: "start", job: ++this.jobs, diffId, capture, file, size } as const;
      const blob = file ? undefined : await layer.open();
      const stop = (err: Error) => blob?.destroy(err);
      this.running.add(stop);
      try {
        return await pump(worker, blob, start, onBytes);
      } finally {
        this.running.delete(stop);
      }
    } finally {
      this.idle.push(worker);
    }
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
    this.all = this.idle = [];
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
 * buffers carry the whole blob. Resolves with the worker's answer.
 */
function pump(
  worker: Worker,
  blob: Readable | undefined,
  start: Extract<ToWorker, { type: "start" }>,
  onBytes?: (n: number) => void,
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
    const onData = (chunk: Buffer) => {
      onBytes?.(chunk.length);
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
    };
    const onMessage = (msg: FromWorker) => {
      if (msg.job !== start.job) return; // from a layer abandoned on this worker before
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
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    // The worker may still hold this layer's reader: the next start replaces it.
    const onSourceError = (err: Error) => onError(err);
    // After the worker's answer nothing more may reach it: it will read another layer next.
    const cleanup = () => {
      worker.off("message", onMessage).off("error", onError);
      blob?.off("error", onSourceError).off("data", onData).off("end", onEnd);
    };
    worker.on("message", onMessage).on("error", onError);
    blob?.on("error", onSourceError);
    send(start);
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
