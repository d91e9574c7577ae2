import type { Image } from "../model/image.js";
import { InputError } from "../model/errors.js";
import { layerTarChunks } from "./layer-tar.js";
import { writeCompressed, type OutputCompression, type WrittenBlob } from "./compress.js";
import { newConfig } from "./image-config.js";
import { fileBlob, sha256Of, type OutputImage } from "./output-image.js";
import { newLayerPath, planSlim, type SlimOptions, type SlimPlan } from "./squash.js";
import { slimSummary, type SlimSummary } from "./summary.js";
import type { Destination } from "./destination.js";

export interface SlimRunOptions extends SlimOptions {
  compress: OutputCompression;
  created?: string;
  /** The command line, for the history entry (credentials already left out). */
  command: string;
  dryRun: boolean;
  tmpDir?: string;
}

/**
 * Slims an opened image into `dest` (or, with dryRun, only plans it). The source is only
 * read; the destination appears whole or not at all.
 */
export async function slimImage(
  image: Image,
  dest: Destination | undefined,
  options: SlimRunOptions,
): Promise<SlimSummary> {
  const plan = await planSlim(image, options, options.tmpDir);
  try {
    if (plan.boundary >= image.layers.length && options.squash !== "all")
      throw new InputError(
        `nothing to squash: all ${image.layers.length} layers belong to the base image (use --squash all, or --base-layers N)`,
      );
    if (options.dryRun) return slimSummary(plan, undefined);
    const layer = await writeCompressed(
      layerTarChunks(plan.members, plan.spool),
      options.compress,
      newLayerPath(plan),
    );
    const output = outputImage(plan, layer, options);
    await dest!.write(output, image);
    return slimSummary(plan, layer);
  } finally {
    await plan.spool.dispose();
  }
}

function outputImage(plan: SlimPlan, layer: WrittenBlob, options: SlimRunOptions): OutputImage {
  const summary = slimSummary(plan, layer);
  const config = newConfig({
    config: plan.image.config,
    boundary: plan.boundary,
    diffIds: [...plan.kept.map((k) => k.layer.diffId), layer.diffId],
    createdBy: options.command,
    comment: summary.comment,
    created: options.created,
  });
  const configBytes = Buffer.from(JSON.stringify(config));
  return {
    config: configBytes,
    configDigest: sha256Of(configBytes),
    layers: [
      ...plan.kept.map((k) => ({
        digest: k.layer.digest,
        size: k.layer.size,
        diffId: k.layer.diffId,
        compression: k.compression,
        open: () => k.layer.open(),
      })),
      {
        ...fileBlob(newLayerPath(plan), layer.digest, layer.size),
        diffId: layer.diffId,
        compression: options.compress,
      },
    ],
  };
}
