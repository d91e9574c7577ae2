import type { Readable } from "node:stream";
import type { RemoteLayer } from "../model/image.js";

/**
 * Opens a remote layer from its recipe (ImageLayer.remote) in the calling thread, so that a
 * worker fetches, verifies and caches the blob itself instead of receiving it from the main
 * thread. The registry client is loaded only when a remote layer is read.
 */
export async function openRemoteLayer(
  remote: RemoteLayer,
): Promise<{ blob: Readable; close(): Promise<void> }> {
  const { openRemoteLayer: open } = await import("./registry/image.js");
  return open(remote);
}
