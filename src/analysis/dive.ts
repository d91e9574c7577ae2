import type { LayerEntry } from "../tar/layer-entry.js";
import type { DiveReport } from "../model/report.js";

interface PathData {
  path: string;
  count: number;
  cumulative: number;
  smallest: number;
}

/**
 * dive's own efficiency metrics, reproduced exactly so that dive users keep their CI
 * thresholds (wagoodman/dive image/efficiency.go). Per layer, every leaf path counts once:
 * a file with its size, a whiteout with the bytes below the directory it deleted (0 for a
 * deleted file). A path seen in two or more layers is "inefficient" and all its copies,
 * the live one included, count as wasted. Opaque whiteouts are ignored, as dive does.
 */
export function diveMetrics(
  layers: LayerEntry[][],
  whiteoutSizes: Map<number, Map<string, number>>,
  layerSizes: number[],
): DiveReport {
  const counter = new DiveCounter();
  layers.forEach((entries, layer) => counter.add(entries, whiteoutSizes.get(layer)));
  return counter.report(layerSizes);
}

/** diveMetrics one layer at a time, bottom first, so that a scan can count while it reads. */
export class DiveCounter {
  private readonly byPath = new Map<string, PathData>();
  private readonly inefficient: PathData[] = [];

  /** Counts the next layer; `whiteoutSizes` are the bytes each of its whiteouts deleted (merge.ts). */
  add(entries: LayerEntry[], whiteoutSizes: Map<string, number> | undefined): void {
    for (const e of leaves(entries)) {
      const size = e.kind === "whiteout" ? (whiteoutSizes?.get(e.path) ?? 0) : e.size;
      let data = this.byPath.get(e.path);
      if (!data)
        this.byPath.set(e.path, (data = { path: e.path, count: 0, cumulative: 0, smallest: size }));
      data.count++;
      data.cumulative += size;
      data.smallest = Math.min(data.smallest, size);
      if (data.count === 2) this.inefficient.push(data);
    }
  }

  report(layerSizes: number[]): DiveReport {
    const inefficient = this.inefficient;
    let minimum = 0;
    let discovered = 0;
    for (const d of this.byPath.values()) {
      minimum += d.smallest;
      discovered += d.cumulative;
    }
    // dive sorts ascending (stable for its small slices) and reads from the end: among equal
    // sizes, the path that became inefficient last is listed first.
    const sorted = inefficient
      .map((d, i) => ({ d, i }))
      .sort((a, b) => a.d.cumulative - b.d.cumulative || a.i - b.i);
    const wastedBytes = inefficient.reduce((sum, d) => sum + d.cumulative, 0);
    const sizeBytes = layerSizes.reduce((a, b) => a + b, 0);
    const userSizeBytes = sizeBytes - (layerSizes[0] ?? 0);
    return {
      efficiency: discovered === 0 ? 1 : minimum / discovered,
      sizeBytes,
      userSizeBytes,
      wastedBytes,
      userWastedPercent: userSizeBytes === 0 ? null : wastedBytes / userSizeBytes,
      inefficientFiles: sorted
        .reverse()
        .map(({ d }) => ({ path: `/${d.path}`, count: d.count, size: d.cumulative })),
    };
  }
}

/** Entries of one layer that have no other entry of the same layer below them. */
function leaves(entries: LayerEntry[]): LayerEntry[] {
  const parents = new Set<string>();
  for (const e of entries) {
    // Walk up until an ancestor already known: each directory is sliced once per layer.
    for (let i = e.path.lastIndexOf("/"); i > 0; i = e.path.lastIndexOf("/", i - 1)) {
      const dir = e.path.slice(0, i);
      if (parents.has(dir)) break;
      parents.add(dir);
    }
  }
  const seen = new Set<string>();
  return entries.filter((e) => {
    if (e.kind === "opaque" || e.path === "" || parents.has(e.path) || seen.has(e.path))
      return false;
    seen.add(e.path);
    return true;
  });
}
