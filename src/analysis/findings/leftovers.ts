import type { LayerEntry } from "../../tar/layer-entry.js";
import {
  defineDetector,
  type DetectedFinding,
  type DetectorMeta,
  type ImageDetector,
} from "./detector.js";
import type { ImageFacts } from "./facts.js";
import { formatBytes, plural } from "./format.js";

export interface LeftoverSpec {
  id: string;
  meta: DetectorMeta;
  /** What the files are, for messages: "apt package lists". */
  label: string;
  /** What to change in the instruction that wrote them. */
  advice: string;
  /**
   * Regular expressions over a layer path; a match makes the file a leftover, and capture
   * group 1 (or the whole match) names the directory it belongs to, reported in `paths`.
   */
  roots: RegExp[];
  /** Substrings one of which every match contains: a cheap test before the regular expressions. */
  contains?: string[];
  /** Extra test on a matched entry (e.g. core dumps must be ELF core files). */
  accept?: (entry: LayerEntry, facts: ImageFacts) => boolean;
  captures?: RegExp[];
}

/** A detector that reports, per layer, the bytes of regular files matching `roots`. */
export function leftoverDetector(spec: LeftoverSpec): ImageDetector {
  return defineDetector({
    id: spec.id,
    meta: spec.meta,
    captures: spec.captures,
    detect: (facts) => findLeftovers(facts, spec),
  });
}

interface LayerTotal {
  bytes: number;
  files: number;
  hiddenBytes: number;
  byRoot: Map<string, number>;
}

/**
 * Bytes are counted per layer from the layer's own tar entries, so they equal what
 * `tar -tvf` of that layer lists: a file deleted by a later layer still counts, because
 * the layer that wrote it still ships it (docs/guide.md#5-layers).
 */
export function findLeftovers(facts: ImageFacts, spec: LeftoverSpec): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  facts.scan.layers.forEach((read, layer) => {
    const total: LayerTotal = { bytes: 0, files: 0, hiddenBytes: 0, byRoot: new Map() };
    for (const e of read.entries) {
      if (e.kind !== "file" || e.size === 0) continue;
      if (spec.contains && !spec.contains.some((s) => e.path.includes(s))) continue;
      const root = rootOf(e.path, spec.roots);
      if (root === undefined || (spec.accept && !spec.accept(e, facts))) continue;
      total.bytes += e.size;
      total.files++;
      if (facts.node(e.path)?.entry !== e) total.hiddenBytes += e.size;
      total.byRoot.set(root, (total.byRoot.get(root) ?? 0) + e.size);
    }
    if (total.files > 0) out.push(toFinding(facts, spec, layer, total));
  });
  return out;
}

function rootOf(path: string, roots: RegExp[]): string | undefined {
  for (const re of roots) {
    const m = re.exec(path);
    if (m) return m[1] ?? m[0];
  }
  return undefined;
}

function toFinding(
  facts: ImageFacts,
  spec: LeftoverSpec,
  layer: number,
  t: LayerTotal,
): DetectedFinding {
  const roots = [...t.byRoot].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const hidden =
    t.hiddenBytes === 0
      ? ""
      : t.hiddenBytes === t.bytes
        ? "; a later layer deletes or replaces them, yet they still ship in this layer"
        : `; ${formatBytes(t.hiddenBytes)} of it is deleted or replaced by a later layer, yet still ships in this layer`;
  return {
    // The layer and its instruction travel in `layer`/`createdBy`; renderers print them beside the message.
    message: `${spec.label}, ${plural(t.files, "file")}${hidden}. ${spec.advice}`,
    bytes: t.bytes,
    paths: roots.slice(0, 20).map(([r]) => `/${r}`),
    layer,
    createdBy: facts.createdBy[layer] ?? "",
  };
}
