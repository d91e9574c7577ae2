import { parentPort } from "node:worker_threads";
import type { LayerFile } from "../model/image.js";
import { InputError } from "../model/errors.js";
import type { LayerRead } from "../tar/read-layer.js";
import { captureMatcher, type CaptureList } from "./capture.js";
import { readLayerFileSync, SyncLayerReader } from "./read-layer-file.js";

/**
 * Worker side of the parallel scan. A layer stored in a local file is read here, in one
 * synchronous loop, and verified against its digest as its source would. Any other blob (a
 * registry download, say) is streamed in by the main thread, which verifies it, in batches:
 * each batch is decompressed, hashed and parsed at once, then handed back with its
 * acknowledgement so the main thread can refill it. Everything here is synchronous, so
 * messages are handled strictly one after the other.
 */
export type ToWorker =
  | {
      type: "start";
      /** Echoed in every answer: layers queue on a worker, and one may be abandoned midway. */
      job: number;
      diffId: string;
      capture?: CaptureList;
      file?: LayerFile;
      size: number;
    }
  | { type: "chunk"; data: Uint8Array }
  | { type: "end" };

export type FromWorker = { job: number } &
  /** A chunk taken: its buffer comes back for reuse. */
  (
    | { type: "ack"; data: Uint8Array }
    | { type: "bytes"; n: number }
    | { type: "done"; result: LayerRead }
    | { type: "error"; message: string; input: boolean }
  );

const port = parentPort!;
/** The streamed layer being read, between its start and its end. */
let reader: SyncLayerReader | undefined;
let job = 0;

/** Progress of a file read here, posted per MiB: a message costs more than a chunk. */
let unposted = 0;
const postBytes = (n: number) => {
  unposted += n;
  if (unposted < 1 << 20) return;
  port.postMessage({ job, type: "bytes", n: unposted } satisfies FromWorker);
  unposted = 0;
};

function answer(read: () => LayerRead): void {
  try {
    const result = read();
    if (unposted > 0) port.postMessage({ job, type: "bytes", n: unposted } satisfies FromWorker);
    port.postMessage({ job, type: "done", result } satisfies FromWorker);
  } catch (err) {
    port.postMessage({
      job,
      type: "error",
      message: (err as Error).message,
      input: err instanceof InputError,
    } satisfies FromWorker);
  } finally {
    unposted = 0;
  }
}

port.on("message", (msg: ToWorker) => {
  if (msg.type === "start") {
    job = msg.job;
    const options = { diffId: msg.diffId, capture: msg.capture && captureMatcher(msg.capture) };
    const file = msg.file;
    reader = file ? undefined : new SyncLayerReader(options);
    if (file) answer(() => readLayerFileSync(file, msg.size, { ...options, onBytes: postBytes }));
  } else if (msg.type === "chunk") {
    // A chunk of a layer that already failed (the main thread stopped) is dropped.
    reader?.write(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength));
    const ack: FromWorker = { job, type: "ack", data: msg.data };
    port.postMessage(ack, [msg.data.buffer as ArrayBuffer]);
  } else {
    const done = reader;
    reader = undefined;
    if (done) answer(() => done.end());
  }
});
