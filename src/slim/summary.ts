import { historyPerLayer } from "../model/history.js";
import type { WrittenBlob } from "./compress.js";
import type { SlimPlan } from "./squash.js";
import { contentBytes } from "./layer-tar.js";
import type { StripSetName } from "./strip-sets.js";

export interface LayerBytes {
  /** 1-based layer number of the input image. */
  layer: number;
  bytes: number;
  files?: number;
  createdBy: string;
}

/** What slimming did (or, in a dry run, would do); `--format json` prints it as it is. */
export interface SlimSummary {
  source: string;
  dryRun: boolean;
  keptLayers: number;
  squashedLayers: number[];
  before: { layers: number; storedBytes: number; tarBytes: number };
  after?: { layers: number; storedBytes: number; tarBytes: number; newLayer: WrittenBlob };
  /** Bytes the new layer's files take (its tar holds them plus headers). */
  newLayerFileBytes: number;
  squash: { hiddenBytes: number; byLayer: LayerBytes[]; baseHiddenBytes: number };
  strip: {
    set: StripSetName;
    bytes: number;
    files: number;
    byLayer: LayerBytes[];
    examples: string[];
    keptOwnedBytes: number;
    inBaseBytes: number;
  }[];
  /** The history entry's comment. */
  comment: string;
}

export function slimSummary(plan: SlimPlan, layer: WrittenBlob | undefined): SlimSummary {
  const { image, boundary } = plan;
  const createdBy = historyPerLayer(image.config).map((h) => h?.created_by ?? "");
  const at = (i: number) => ({ layer: i + 1, createdBy: createdBy[i] ?? "" });
  const squashedLayers = image.layers.map((_, i) => i + 1).slice(boundary);
  const squashByLayer = [...plan.hiddenByLayer]
    .sort((a, b) => a[0] - b[0])
    .map(([i, bytes]) => ({ ...at(i), bytes }));
  const strip = plan.tallies.map((t) => ({
    set: t.set,
    bytes: t.bytes,
    files: t.files,
    byLayer: [...t.byLayer].sort((a, b) => a[0] - b[0]).map(([i, v]) => ({ ...at(i), ...v })),
    examples: t.examples.map((p) => `/${p}`),
    keptOwnedBytes: t.keptOwnedBytes,
    inBaseBytes: t.inBaseBytes,
  }));
  const hiddenBytes = squashByLayer.reduce((n, l) => n + l.bytes, 0);
  const keptTar = plan.layerTarBytes.slice(0, boundary).reduce((a, b) => a + b, 0);
  return {
    source: image.reference,
    dryRun: layer === undefined,
    keptLayers: boundary,
    squashedLayers,
    before: {
      layers: image.layers.length,
      storedBytes: image.layers.reduce((n, l) => n + l.size, 0),
      tarBytes: plan.layerTarBytes.reduce((a, b) => a + b, 0),
    },
    ...(layer && {
      after: {
        layers: boundary + 1,
        storedBytes: plan.kept.reduce((n, k) => n + k.layer.size, 0) + layer.size,
        tarBytes: keptTar + layer.tarBytes,
        newLayer: layer,
      },
    }),
    newLayerFileBytes: contentBytes(plan.members),
    squash: { hiddenBytes, byLayer: squashByLayer, baseHiddenBytes: plan.baseHiddenBytes },
    strip,
    comment: comment(squashedLayers, hiddenBytes, strip),
  };
}

function comment(
  layers: number[],
  hidden: number,
  strip: { set: string; bytes: number; files: number }[],
): string {
  const span = layers.length === 1 ? `layer ${layers[0]}` : `layers ${layers[0]}-${layers.at(-1)}`;
  const parts = [`ballast slim: squashed ${span}, dropping ${hidden} hidden bytes`];
  for (const s of strip) parts.push(`strip ${s.set}: ${s.bytes} bytes in ${s.files} files`);
  return parts.join("; ");
}
