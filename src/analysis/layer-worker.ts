import { parentPort } from "node:worker_threads";
import { Readable } from "node:stream";
import { readLayer } from "../tar/read-layer.js";
import { InputError } from "../model/errors.js";

/**
 * Worker side of the parallel scan: the main thread streams a layer blob in as messages,
 * this thread decompresses, hashes and parses it, and posts the entries back. Chunks are
 * acknowledged as the parser takes them, so at most the main thread's window is queued.
 */
export type ToWorker =
  | { type: "start"; diffId: string; capture: "detectors" | "none" }
  | { type: "chunk"; data: Uint8Array }
  | { type: "end" }
  | { type: "abort"; message: string };

export type FromWorker =
  | { type: "ack" }
  | { type: "done"; result: Awaited<ReturnType<typeof readLayer>> }
  | { type: "error"; message: string; input: boolean };

const port = parentPort!;
let source: Readable | undefined;
let queue: Buffer[] = [];
let ended = false;
let wanting = false;

function feed(): void {
  while (wanting && source && (queue.length > 0 || ended)) {
    const chunk = queue.shift();
    if (chunk === undefined) {
      wanting = false;
      source.push(null);
      return;
    }
    port.postMessage({ type: "ack" } satisfies FromWorker);
    wanting = source.push(chunk);
  }
}

port.on("message", async (msg: ToWorker) => {
  if (msg.type === "chunk") {
    queue.push(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength));
    feed();
  } else if (msg.type === "end") {
    ended = true;
    feed();
  } else if (msg.type === "abort") {
    source?.destroy(new Error(msg.message));
  } else {
    queue = [];
    ended = false;
    wanting = false;
    source = new Readable({ read: () => ((wanting = true), feed()) });
    const capture =
      msg.capture === "detectors" ? (await import("./findings/index.js")).capturedPath : undefined;
    try {
      const result = await readLayer(source, { diffId: msg.diffId, capture });
      port.postMessage({ type: "done", result } satisfies FromWorker);
    } catch (err) {
      port.postMessage({
        type: "error",
        message: (err as Error).message,
        input: err instanceof InputError,
      } satisfies FromWorker);
    }
  }
});
