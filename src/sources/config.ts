import type { HistoryEntry, ImageConfig } from "../model/image.js";
import { InputError } from "../model/errors.js";

/** Parses an image config and checks the fields ballast relies on. */
export function parseImageConfig(data: Buffer, where: string): ImageConfig {
  let config: ImageConfig;
  try {
    config = JSON.parse(data.toString("utf8")) as ImageConfig;
  } catch (err) {
    throw new InputError(`${where}: image config does not parse as JSON (${(err as Error).message})`);
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

/**
 * The history entry that produced each layer: history entries marked `empty_layer`
 * (ENV, CMD, …) made no layer, the others map to layers in order (image-spec config.md).
 */
export function historyPerLayer(config: ImageConfig): (HistoryEntry | undefined)[] {
  const producing = (config.history ?? []).filter((h) => !h.empty_layer);
  return config.rootfs.diff_ids.map((_, i) => producing[i]);
}
