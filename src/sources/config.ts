import type { ImageConfig } from "../model/image.js";
import { InputError } from "../model/errors.js";
import { checkShape, parseJsonBytes } from "./json-shape.js";
import { configShape } from "./image-shapes.js";

/** Parses an image config and checks the shape of the fields ballast relies on. */
export function parseImageConfig(data: Buffer, where: string): ImageConfig {
  const what = `${where}: image config`;
  return checkShape<ImageConfig>(parseJsonBytes(data, what), configShape, what);
}

/** Checks that a manifest lists as many layers as the config has diff IDs. */
export function checkLayerCount(layerCount: number, config: ImageConfig, where: string): void {
  if (layerCount !== config.rootfs.diff_ids.length) {
    throw new InputError(
      `${where}: manifest lists ${layerCount} layers but the config has ${config.rootfs.diff_ids.length} diff IDs`,
    );
  }
}

/** Kept here for callers that read history next to the config parser. */
export { historyPerLayer } from "../model/history.js";
