import type { HistoryEntry, ImageConfig } from "../model/image.js";

export interface NewConfigInput {
  config: ImageConfig;
  /** Layers kept below the new one. */
  boundary: number;
  /** Diff IDs of the kept layers, then the new layer's. */
  diffIds: string[];
  /** The history entry's `created_by` (the slim command) and `comment` (what it saved). */
  createdBy: string;
  comment: string;
  /** `--created`: replaces the image's `created`; without it the input's is kept. */
  created?: string;
}

/**
 * The slimmed image's config: every field of the input kept (labels, env, entrypoint…),
 * `rootfs` listing the new diff IDs, history keeping the kept layers' entries and the
 * squashed part's metadata-only entries (ENV, CMD…), plus one entry saying what slim did.
 */
export function newConfig(input: NewConfigInput): ImageConfig {
  const { config, boundary } = input;
  const created = input.created ?? config.created;
  const history: HistoryEntry[] = [];
  const source = config.history ?? [];
  const layered = source.filter((h) => !h.empty_layer).length;
  if (layered === config.rootfs.diff_ids.length) {
    let seen = 0;
    for (const h of source) {
      const below = seen < boundary;
      if (!h.empty_layer) seen++;
      if (below || h.empty_layer) history.push(h);
    }
  } else {
    // A history that does not match the layers cannot be split: one plain entry per kept layer.
    for (let i = 0; i < boundary; i++) history.push({ created_by: "" });
  }
  history.push({
    ...(created ? { created } : {}),
    created_by: input.createdBy,
    comment: input.comment,
  });
  return {
    ...config,
    ...(created ? { created } : {}),
    rootfs: { type: "layers", diff_ids: input.diffIds },
    history,
  };
}
