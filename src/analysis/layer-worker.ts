import { parentPort } from "node:worker_threads";
import { Readable } from "node:stream";
import type { LayerFile, RemoteLayer } from "../model/image.js";
import { openRemoteLayer } from "../sources/remote.js";
import { readLayer } from "../tar/read-layer.js";
import { readLayerFileSync } from "./read-layer-file.js";
import { verified } from "../sources/verify.js";
import { openRange } from "../sources/bundle.js";
import { InputError } from "../model/errors.js";
import { captureMatcher, type CaptureList } from "./capture.js";

/**
 * Worker side of the parallel scan. A layer stored in a local file is read here directly,
 * in one synchronous loop; a registry layer is fetched here with the source's session; both
 * are verified against their digest as the source would. Any other blob is streamed in by
 * the main thread as messages, acknowledged as the parser takes them so that at most the
 * main thread's window is queued. This thread decompresses, hashes and parses, and posts
 * the entries back.
 */
export type ToWorker =
  | {
      type: "start";
      diffId: string;
      capture?: CaptureList;
      file?: LayerFile;
      remote?: RemoteLayer;
      size: number;
    }
  | { type: "chunk"; data: Uint8Array }
  | { type: "end" }
  | { type: "abort"; message: string };

export type FromWorker =
  | { type: "ack" }
  | { type: "bytes"; n: number }
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

/** Progress, posted per MiB rather than per network chunk: a message costs more than a chunk. */
let unposted = 0;
const postBytes = (n: number) => {
  unposted += n;
  if (unposted < 1 << 20) return;
  port.postMessage({ type: "bytes", n: unposted } satisfies FromWorker);
  unposted = 0;
};
const flushBytes = () => {
  if (unposted > 0) port.postMessage({ type: "bytes", n: unposted } satisfies FromWorker);
  unposted = 0;
};

/** A file-backed blob streamed (and verified) here: gzip where it cannot be decoded synchronously. */
function openFile(file: LayerFile, size: number): Readable {
  const stream = openRange(file.path, file.offset, size);
  stream.on("data", (c: Buffer) => postBytes(c.length));
  return file.verify ? verified(stream, file.verify, size, file.label) : stream;
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
    source = undefined;
    const capture = msg.capture && captureMatcher(msg.capture);
    const options = { diffId: msg.diffId, capture, syncDecode: true };
    try {
      let result = msg.file
        ? readLayerFileSync(msg.file, msg.size, { ...options, onBytes: postBytes })
        : undefined;
      if (!result && msg.remote) {
        const remote = await openRemoteLayer(msg.remote);
        source = remote.blob; // so that an abort stops the download (and drops its cache temp file)
        try {
          result = await readLayer(remote.blob, { ...options, onBytes: postBytes });
        } finally {
          await remote.close();
        }
      }
      if (!result) {
        source = msg.file
          ? openFile(msg.file, msg.size)
          : new Readable({ read: () => ((wanting = true), feed()) });
        result = await readLayer(source, options);
      }
      flushBytes();
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
