import type { LayerTree } from "../filetree/layer-tree.js";
import { KIND, nodePath, subtreeEnd } from "../filetree/layer-tree.js";
import { emptyState, hiddenBy, stateAt, subtreeBytes } from "../filetree/layer-state.js";
import type { LayerFileChange, LayerFilesReport } from "../model/layer-files.js";

const KIND_NAMES = ["file", "dir", "symlink", "hardlink", "other"] as const;

/**
 * What one layer did to the filesystem: the paths it added, modified and deleted, the
 * same entries its `added`/`modified`/`deleted` counts count (directories are left out
 * of added/modified, as there). A path it wrote that a later layer hid says which one.
 */
export function layerFiles(t: LayerTree, layer: number): LayerFilesReport {
  const below = layer > 0 ? stateAt(t, layer - 1) : emptyState(t);
  const stacked = stateAt(t, layer, "whiteouts");
  const top = stateAt(t, t.layerCount - 1);
  const belowBytes = subtreeBytes(t, below);
  const out: LayerFilesReport = { layer, added: [], modified: [], deleted: [], opaque: [] };
  for (let i = 0; i < t.size; i++) {
    let existed = stacked.present[i] === 1;
    for (let k = t.evStart[i]; k < t.evStart[i + 1]; k++) {
      if (t.evLayer[k] !== layer) continue;
      const kind = t.evKind[k];
      const path = nodePath(t, i);
      if (kind === KIND.deleted) {
        const files = countFiles(t, below, i);
        out.deleted.push({ path, size: belowBytes[i], files });
      } else if (kind === KIND.opaque) {
        out.opaque.push({ path, size: belowBytes[i], files: countFiles(t, below, i) });
      } else if (kind !== KIND.dir) {
        const change = fileChange(t, i, k, path, top.current[i] === k);
        if (existed) {
          const prev = stacked.current[i];
          if (prev >= 0) change.previous = { layer: t.evLayer[prev], size: entrySize(t, prev) };
          out.modified.push(change);
        } else out.added.push(change);
      }
      if (kind !== KIND.deleted && kind !== KIND.opaque) existed = true;
    }
  }
  for (const list of [out.added, out.modified, out.deleted, out.opaque])
    list.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

function fileChange(
  t: LayerTree,
  i: number,
  k: number,
  path: string,
  visible: boolean,
): LayerFileChange {
  const e = t.evEntry[k]!;
  const change: LayerFileChange = {
    path,
    kind: KIND_NAMES[t.evKind[k]],
    size: e.size,
    mode: e.mode & 0o7777,
    uid: e.uid,
    gid: e.gid,
  };
  if (e.link !== undefined) change.link = e.link;
  if (!visible) change.hiddenBy = hiddenBy(t, i, k);
  return change;
}

function entrySize(t: LayerTree, k: number): number {
  return t.evKind[k] === KIND.file ? t.evEntry[k]!.size : 0;
}

/** Regular files present at or below node i (preorder: the subtree is a contiguous range). */
function countFiles(t: LayerTree, s: ReturnType<typeof stateAt>, i: number): number {
  let files = 0;
  const end = subtreeEnd(t, i);
  for (let j = i; j < end; j++)
    if (s.current[j] >= 0 && t.evKind[s.current[j]] === KIND.file) files++;
  return files;
}
