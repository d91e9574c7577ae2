import { join } from "node:path";
import type { Image, ImageLayer } from "../model/image.js";
import { withContext } from "../model/errors.js";
import { LayerMerger, lookup } from "../filetree/merge.js";
import { findBaseBoundary } from "../analysis/findings/base-layers.js";
import type { Compression } from "../tar/compression.js";
import { shortDigest } from "../model/digest.js";
import { CAPTURE_BUDGET, readSlimLayer } from "./read-layer.js";
import type { SlimEntry } from "./entry.js";
import { Spool } from "./spool.js";
import { OWNER_DB_PATHS, readPackageOwners } from "./package-owners.js";
import { Stripper, type StripTally } from "./stripper.js";
import { planLayer, type Member } from "./plan.js";
import type { StripSetName } from "./strip-sets.js";

export interface SlimOptions {
  /** "upper": only the layers above the base boundary (the default); "all": every layer. */
  squash: "upper" | "all";
  baseLayers?: number;
  strip: StripSetName[];
  aggressive: boolean;
  keepLocales: string[];
}

/** The image read and planned: what the new layer holds and what slimming saves. */
export interface SlimPlan {
  image: Image;
  /** Layers kept as they are (the base), then the new layer. */
  kept: KeptLayer[];
  boundary: number;
  members: Member[];
  spool: Spool;
  /** Bytes of the squashed layers' files that later layers hid (deleted or shadowed), per layer. */
  hiddenByLayer: Map<number, number>;
  /** Bytes of kept layers' files that the squashed layers hide, which stay stored. */
  baseHiddenBytes: number;
  tallies: StripTally[];
  /** Uncompressed tar bytes and stored sizes of the squashed layers. */
  squashedTarBytes: number;
  squashedStoredBytes: number;
  /** Uncompressed tar bytes of every input layer. */
  layerTarBytes: number[];
  packageFormat: string | null;
}

export interface KeptLayer {
  layer: ImageLayer;
  compression: Compression;
}

/**
 * Reads every layer once, in order: kept layers for their entries (the whiteouts and
 * package database need them), squashed layers with their file bodies spooled to disk.
 * Then plans the new layer. Memory holds one entry per path, never file bodies.
 */
export async function planSlim(
  image: Image,
  options: SlimOptions,
  tmp?: string,
): Promise<SlimPlan> {
  const count = image.layers.length;
  const boundary =
    options.squash === "all" ? 0 : findBaseBoundary(image.config, count, options.baseLayers).layers;
  const spool = await Spool.create(tmp);
  try {
    const lower = new LayerMerger();
    const full = new LayerMerger();
    const opaqueUpper = new Set<string>();
    const kept: KeptLayer[] = [];
    let squashedTarBytes = 0;
    let squashedStoredBytes = 0;
    const layerTarBytes: number[] = [];
    const captureBudget = { left: CAPTURE_BUDGET };
    for (let i = 0; i < count; i++) {
      const layer = image.layers[i];
      const read = await readSlimLayer(await layer.open(), {
        layer: i,
        diffId: layer.diffId,
        spool: i >= boundary ? spool : undefined,
        capture: (p) => OWNER_DB_PATHS.test(p),
        lowerFile: (p) => fileAt(full.tree.root, p),
        captureBudget,
      }).catch((err: unknown) => {
        throw withContext(`reading layer ${i + 1} (${shortDigest(layer.digest)})`, err);
      });
      layerTarBytes.push(read.tarBytes);
      if (i < boundary) {
        lower.add(read.entries);
        kept.push({ layer, compression: read.compression });
      } else {
        for (const dir of read.opaque) opaqueUpper.add(dir);
        squashedTarBytes += read.tarBytes;
        squashedStoredBytes += layer.size;
      }
      full.add(read.entries);
    }
    const owners = readPackageOwners(full.tree.root);
    const stripper = new Stripper({
      sets: options.strip,
      owners,
      aggressive: options.aggressive,
      keepLocales: options.keepLocales,
      full: full.tree.root,
    });
    const members = planLayer({
      full: full.tree.root,
      lower: lower.tree.root,
      boundary,
      opaqueUpper,
      stripper,
    });
    const hiddenByLayer = new Map<number, number>();
    let baseHiddenBytes = 0;
    for (const h of full.tree.hidden) {
      if (h.layer < boundary) baseHiddenBytes += h.size;
      else hiddenByLayer.set(h.layer, (hiddenByLayer.get(h.layer) ?? 0) + h.size);
    }
    return {
      image,
      kept,
      boundary,
      members,
      spool,
      hiddenByLayer,
      baseHiddenBytes,
      tallies: [...stripper.tallies.values()],
      squashedTarBytes,
      squashedStoredBytes,
      layerTarBytes,
      packageFormat: owners.format,
    };
  } catch (err) {
    await spool.dispose();
    throw err;
  }
}

function fileAt(root: import("../filetree/node.js").FsNode, path: string): SlimEntry | undefined {
  const entry = lookup(root, path)?.entry;
  return entry?.kind === "file" ? (entry as SlimEntry) : undefined;
}

/** Where the new layer's blob is written before a sink copies or renames it. */
export function newLayerPath(plan: SlimPlan): string {
  return join(plan.spool.dir, "layer");
}
