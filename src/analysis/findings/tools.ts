import type { FsNode } from "../../filetree/node.js";
import {
  defineDetector,
  type DetectedFinding,
  type DetectorMeta,
  type ImageDetector,
} from "./detector.js";
import type { ImageFacts } from "./facts.js";
import { listNames } from "./format.js";

/** Directories on the default PATH; /bin and /sbin are often symlinks into /usr (usrmerge), and then hold nothing here. */
export const BIN_DIRS = ["bin", "sbin", "usr/bin", "usr/sbin", "usr/local/bin", "usr/local/sbin"];

export interface FoundTool {
  name: string;
  path: string;
  node: FsNode;
  /** The layer that first added the path (a later layer may have rewritten it). */
  layer: number;
}

/** Executables on the PATH directories whose basename matches. */
export function findTools(facts: ImageFacts, name: RegExp): FoundTool[] {
  const found: FoundTool[] = [];
  for (const dir of BIN_DIRS) {
    const node = facts.node(dir);
    for (const [child, n] of node?.children ?? []) {
      const kind = n.entry?.kind;
      if (!name.test(child) || (kind !== "file" && kind !== "symlink" && kind !== "hardlink"))
        continue;
      const added = n.history.find((h) => h.action === "added")?.layer ?? n.layer;
      found.push({ name: child, path: `${dir}/${child}`, node: n, layer: added });
    }
  }
  return found;
}

export interface ToolSpec {
  id: string;
  meta: DetectorMeta;
  /** Basenames that count, as one anchored pattern. */
  names: RegExp;
  /** Plural noun for messages: "shells". */
  label: string;
  advice: string;
  /** Optional filter, e.g. npm's own bundled copy of node-gyp. */
  keep?: (tool: FoundTool, facts: ImageFacts) => boolean;
}

/** A detector listing, per layer that added them, the matching tools found on the PATH. */
export function toolDetector(spec: ToolSpec): ImageDetector {
  return defineDetector({
    id: spec.id,
    meta: spec.meta,
    detect: (facts) => detectTools(facts, spec),
  });
}

function detectTools(facts: ImageFacts, spec: ToolSpec): DetectedFinding[] {
  const byLayer = new Map<number, FoundTool[]>();
  for (const t of findTools(facts, spec.names)) {
    if (spec.keep && !spec.keep(t, facts)) continue;
    byLayer.set(t.layer, [...(byLayer.get(t.layer) ?? []), t]);
  }
  return [...byLayer].map(([layer, tools]) => {
    const names = [...new Set(tools.map((t) => t.name))].sort();
    const from =
      layer < facts.base.layers ? "from the base image" : "added on top of the base image";
    return {
      message: `${spec.label} ${from}: ${listNames(names, 10)}. ${spec.advice}`,
      bytes: tools.reduce((s, t) => s + (t.node.entry?.kind === "file" ? t.node.entry.size : 0), 0),
      paths: tools.map((t) => `/${t.path}`).sort(),
      layer,
      createdBy: facts.createdBy[layer] ?? "",
    };
  });
}
