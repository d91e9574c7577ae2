import type { HiddenBytes } from "../filetree/merge.js";
import type { WasteReport } from "../model/report.js";

/**
 * Exact waste: every byte a layer wrote that is not visible in the final filesystem,
 * so `reclaimable = Σ layer bytes − visible bytes = shadowed + deleted` by construction.
 */
export function wasteReport(hidden: HiddenBytes[], createdBy: string[]): WasteReport {
  const items = hidden
    .filter((h) => h.size > 0)
    .map((h) => ({
      path: `/${h.path}`,
      size: h.size,
      files: h.files,
      layer: h.layer,
      createdBy: createdBy[h.layer] ?? "",
      hiddenBy: h.hiddenBy,
      hiddenByCreatedBy: createdBy[h.hiddenBy] ?? "",
      kind: h.kind,
    }))
    .sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
  const sum = (kind: string) =>
    items.filter((i) => i.kind === kind).reduce((s, i) => s + i.size, 0);
  const shadowed = sum("shadowed");
  const deleted = sum("deleted");
  return { reclaimable: shadowed + deleted, shadowed, deleted, items };
}
