import { Worker } from "node:worker_threads";
import type { Readable } from "node:stream";
import { InputError } from "../model/errors.js";
import type { ImageLayer } from "../model/image.js";
import { drainForError, type LayerRead } from "../tar/read-layer.js";
import type { CaptureList } from "./capture.js";
import type { FromWorker, ToWorker } from "./layer-worker.js";

/** Chunks in flight to one worker: enough to keep it busy, small enough to bound memory. */
const WINDOW = 8;

/** Layer-reading threads, one per scan lane (spawned on demand), so that two cores decompress, hash and parse two layers at once. */
export class LayerWorkers {
  private idle: Worker[] = [];
  private all: Worker[] = [];
  private readonly running = new Set<Promise<unknown>>();

  /**
   * Reads `layer` in a worker: a file-backed or remote blob is opened by the worker itself,
   * any other is opened here and streamed to it.
   */
  async read(
    layer: ImageLayer,
    capture: CaptureList | undefined,
    onBytes?: (n: number) => void,
  ): Promise<LayerRead> {
    const worker = this.idle.pop() ?? this.spawn();
    try {
      const remote = layer.file ? undefined : await layer.remote?.();
      const start: ToWorker = {
        type: "start",
        diffId: layer.diffId,
        capture,
        file: layer.file,
        remote,
        size: layer.size,
      };
      const streamed = layer.file || remote ? undefined : await layer.open();
      const reading = pump(worker, streamed, start, onBytes);
      this.running.add(reading);
      try {
        return await reading;
      } finally {
        this.running.delete(reading);
      }
    } finally {
      this.idle.push(worker);
    }
  }

  /**
   * Stops the workers. Reads still running (the other lane, when one failed) are aborted
   * first and given a moment to clean up, so that a download in progress removes its cache
   * temp file instead of being killed mid-write.
   */
  async close(): Promise<void> {
    const busy = this.all.filter((w) => !this.idle.includes(w));
    for (const w of busy)
      w.postMessage({ type: "abort", message: "scan stopped" } satisfies ToWorker);
    if (this.running.size > 0)
      await Promise.race([
        Promise.allSettled(this.running),
        new Promise((r) => setTimeout(r, 2000).unref()),
      ]);
    await Promise.all(this.all.map((w) => w.terminate()));
    this.all = this.idle = [];
  }

  private spawn(): Worker {
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
    this.all.push(worker);
    return worker;
  }
}

function pump(
  worker: Worker,
  blob: Readable | undefined,
  start: ToWorker,
  onBytes?: (n: number) => void,
): Promise<LayerRead> {
  return new Promise((resolve, reject) => {
    let inFlight = 0;
    const send = (msg: ToWorker, transfer?: ArrayBuffer[]) => worker.postMessage(msg, transfer);
    const onMessage = (msg: FromWorker) => {
      if (msg.type === "ack") {
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
    const onSourceError = (err: Error) => {
      send({ type: "abort", message: err.message });
      onError(err);
    };
    const onData = (chunk: Buffer) => {
      onBytes?.(chunk.length);
      const copy = new Uint8Array(chunk); // its own ArrayBuffer, so it can be transferred
      send({ type: "chunk", data: copy }, [copy.buffer]);
      if (++inFlight >= WINDOW) blob!.pause();
    };
    const onEnd = () => send({ type: "end" });
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
