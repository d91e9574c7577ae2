import type { Image } from "../model/image.js";
import { InputError, withContext } from "../model/errors.js";
import { readLayer } from "../tar/read-layer.js";
import { parseDigest, shortDigest } from "./verify.js";

/**
 * The conformance check every source's tests end with (DESIGN.md habit 2): reads every
 * blob, so each layer's bytes are checked against its digest and size, and each
 * uncompressed stream against the config's diff ID. Throws on the first mismatch.
 */
export async function validateImage(
  image: Image,
): Promise<{ layers: number; blobBytes: number; tarBytes: number }> {
  parseDigest(image.configDigest);
  if (image.layers.length !== image.config.rootfs.diff_ids.length) {
    throw new InputError(
      `${image.reference}: ${image.layers.length} layers but ${image.config.rootfs.diff_ids.length} diff IDs`,
    );
  }
  let blobBytes = 0;
  let tarBytes = 0;
  for (const [i, layer] of image.layers.entries()) {
    if (layer.diffId !== image.config.rootfs.diff_ids[i])
      throw new InputError(`layer ${i}: diff ID differs from the config's`);
    try {
      const read = await readLayer(await layer.open(), {
        diffId: layer.diffId,
        onBytes: (n) => (blobBytes += n),
      });
      tarBytes += read.tarBytes;
    } catch (err) {
      throw withContext(`layer ${i} (${shortDigest(layer.digest)})`, err);
    }
  }
  return { layers: image.layers.length, blobBytes, tarBytes };
}
