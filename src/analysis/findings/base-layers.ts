import type { HistoryEntry, ImageConfig } from "../../model/image.js";
import { instructionOf } from "../history.js";

export type BoundarySource =
  "flag" | "buildah" | "buildkit" | "base-cmd" | "foreign-tool" | "created-gap" | "none";

/** How many of the image's layers came with its base image, and how that was decided. */
export interface BaseBoundary {
  layers: number;
  source: BoundarySource;
  /** Index of the first history entry that is the user's (the history length when all are the base's). */
  history: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Finds where the base image ends in the config history. Heuristics, most reliable first:
 * buildah/podman note `FROM <name>` on the first entry they add; BuildKit marks its entries
 * `buildkit.dockerfile.v0`; a base image's Dockerfile usually ends in CMD/ENTRYPOINT; a
 * rootfs made by another tool (debootstrap, apko) is not a Dockerfile instruction; a day's
 * gap in `created` separates a base built long ago from today's build.
 */
export function findBaseBoundary(
  config: ImageConfig,
  layerCount: number,
  override?: number,
): BaseBoundary {
  const history = config.history ?? [];
  if (override !== undefined) {
    const layers = Math.max(0, Math.min(layerCount, override));
    return { layers, source: "flag", history: entryAfterLayers(history, layers) };
  }
  const userStart =
    tryRule(history, buildahFrom, "buildah") ??
    tryRule(history, buildkitStart, "buildkit") ??
    tryRule(history, afterBaseCmd, "base-cmd") ??
    tryRule(history, afterForeignTool, "foreign-tool") ??
    tryRule(history, afterCreatedGap, "created-gap");
  if (!userStart) return { layers: 0, source: "none", history: 0 };
  const layers = history.slice(0, userStart.index).filter((h) => !h.empty_layer).length;
  return {
    layers: Math.min(layers, layerCount),
    source: userStart.source,
    history: userStart.index,
  };
}

/**
 * The first user entry when the user says how many layers the base has: the entry after the
 * base's last layer, plus the metadata-only entries a base Dockerfile ends with (CMD, ENV…),
 * stopping at a builder's `FROM` note.
 */
function entryAfterLayers(history: HistoryEntry[], n: number): number {
  if (n === 0) return 0;
  let seen = 0;
  for (let i = 0; i < history.length; i++) {
    if (history[i].empty_layer || ++seen < n) continue;
    let j = i + 1;
    while (
      j < history.length &&
      history[j].empty_layer &&
      !/^FROM /.test(history[j].comment ?? "") &&
      /^(CMD|ENTRYPOINT|ENV|LABEL)\b/.test(instructionOf(history[j].created_by ?? ""))
    )
      j++;
    return j;
  }
  return history.length;
}

type Rule = (history: HistoryEntry[]) => number | undefined;

function tryRule(
  history: HistoryEntry[],
  rule: Rule,
  source: BoundarySource,
): { index: number; source: BoundarySource } | undefined {
  const index = rule(history);
  return index !== undefined && index > 0 ? { index, source } : undefined;
}

/** buildah writes `FROM <base name>` on the first entry of a build; later entries say `FROM <12-hex id>`. */
const buildahFrom: Rule = (h) => {
  const i = h.findIndex(
    (e) =>
      /^FROM /.test(e.comment ?? "") &&
      !/^FROM (?:sha256:)?[0-9a-f]{12,64}$/.test(e.comment!.trim()),
  );
  return i === -1 || /^FROM scratch$/.test(h[i].comment!.trim()) ? undefined : i;
};

/** The first BuildKit entry after entries some other builder wrote. */
const buildkitStart: Rule = (h) => {
  const isBk = (e: HistoryEntry) => e.comment === "buildkit.dockerfile.v0";
  const i = h.findIndex(isBk);
  return i > 0 && !h.slice(0, i).some(isBk) ? i : undefined;
};

/** The entry after the last CMD/ENTRYPOINT that is followed by a layer: where the base's Dockerfile ended. */
const afterBaseCmd: Rule = (h) => {
  for (let i = h.length - 2; i >= 0; i--) {
    if (!/^(CMD|ENTRYPOINT)\b/.test(instructionOf(h[i].created_by ?? ""))) continue;
    if (h.slice(i + 1).some((e) => !e.empty_layer)) return i + 1;
  }
  return undefined;
};

/** Leading entries that are not Dockerfile instructions (`debootstrap …`, `apko`, a tarball import). */
const afterForeignTool: Rule = (h) => {
  const looksLikeInstruction = (e: HistoryEntry) =>
    /^(?:\/bin\/(?:ba)?sh -c|\|\d+ |[A-Z]+\s)/.test(e.created_by ?? "") ||
    e.comment === "buildkit.dockerfile.v0";
  const i = h.findIndex(looksLikeInstruction);
  return i > 0 ? i : undefined;
};

/** The entry after the last gap of more than a day between consecutive `created` times. */
const afterCreatedGap: Rule = (h) => {
  for (let i = h.length - 1; i > 0; i--) {
    const a = Date.parse(h[i - 1].created ?? "");
    const b = Date.parse(h[i].created ?? "");
    if (Number.isFinite(a) && Number.isFinite(b) && b - a > DAY_MS) return i;
  }
  return undefined;
};
