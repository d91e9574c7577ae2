import type { ImageConfig } from "../model/image.js";
import { InputError } from "../model/errors.js";

/** Parses an image config and checks the fields ballast relies on. */
export function parseImageConfig(data: Buffer, where: string): ImageConfig {
  let config: ImageConfig;
  try {
    config = JSON.parse(data.toString("utf8")) as ImageConfig;
  } catch (err) {
    throw new InputError(
      `${where}: image config does not parse as JSON (${(err as Error).message})`,
    );
  }
  if (!config || typeof config !== "object" || !Array.isArray(config.rootfs?.diff_ids)) {
    throw new InputError(`${where}: image config has no rootfs.diff_ids`);
  }
  return config;
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
