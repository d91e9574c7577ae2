import type { FsNode } from "../filetree/node.js";
import { lookup } from "../filetree/merge.js";
import type { SlimEntry } from "./entry.js";
import type { Stripper } from "./stripper.js";

/** One member of the new layer, in the order it is written. */
export interface Member {
  path: string;
  kind: "entry" | "whiteout" | "opaque" | "dir";
  /** The entry written (kind "entry"); its header fields are kept. */
  entry?: SlimEntry;
  /** Written as a hardlink to this path instead. */
  hardlinkTo?: string;
  /** Written as a regular file with this entry's metadata and body (a hardlink whose first path this is). */
  body?: SlimEntry;
}

export interface PlanInput {
  /** All layers merged (the image as it runs). */
  full: FsNode;
  /** The kept layers below the boundary merged; an empty root when everything is squashed. */
  lower: FsNode;
  /** Index of the first squashed layer. */
  boundary: number;
  /** Directories that a squashed layer marked opaque. */
  opaqueUpper: Set<string>;
  stripper: Stripper;
}

interface Visit {
  path: string;
  f: FsNode | undefined;
  l: FsNode | undefined;
  /** The parent got an opaque marker: lower content below it is hidden already. */
  hidden: boolean;
}

/**
 * Lists the new layer so that the kept layers plus it give the final filesystem minus what
 * is stripped: entries the squashed layers wrote that are still visible, whiteouts only
 * where they hide something in a kept layer, opaque markers likewise. Depth first with
 * sorted names (directories before their contents), on an explicit stack.
 */
export function planLayer(input: PlanInput): Member[] {
  const planner = new Planner(input);
  planner.children({ path: "", f: input.full, l: input.lower, hidden: false });
  while (planner.stack.length) planner.visit(planner.stack.pop()!);
  return planner.members;
}

class Planner {
  readonly members: Member[] = [];
  readonly stack: Visit[] = [];
  private readonly emittedAt = new Map<SlimEntry, string>();

  constructor(private readonly input: PlanInput) {}

  visit(v: Visit): void {
    const { f, l, path } = v;
    if (!f) {
      if (!v.hidden) this.members.push({ path, kind: "whiteout" });
      return;
    }
    const entry = f.entry as SlimEntry | undefined;
    if (f.children) return this.visitDir(v, entry);
    if (entry && entry === l?.entry) return this.input.stripper.noteKept(path, entry);
    if (entry && this.input.stripper.strips(path, entry)) {
      if (l && !v.hidden) this.members.push({ path, kind: "whiteout" });
      return;
    }
    if (entry) this.emit(path, entry);
  }

  private visitDir(v: Visit, entry: SlimEntry | undefined): void {
    const { f, l, path } = v;
    if (this.input.stripper.dropsDir(path, f!, l)) {
      if (l && !v.hidden) this.members.push({ path, kind: "whiteout" });
      return;
    }
    const lowerIsDir = l?.children !== undefined;
    if (entry && (entry.layer >= this.input.boundary || !lowerIsDir)) this.emit(path, entry);
    else if (!entry && l && !lowerIsDir) this.members.push({ path, kind: "dir" });
    this.children({ ...v, l: lowerIsDir ? l : undefined });
  }

  /** Pushes a directory's children, sorted; decides between an opaque marker and whiteouts. */
  children(v: Visit): void {
    const f = v.f!.children!;
    const l = v.l?.children;
    const names = new Set(f.keys());
    let gone = 0;
    let intact = false;
    for (const [name, lc] of l ?? []) {
      const fc = f.get(name);
      if (!fc) {
        gone++;
        names.add(name);
      } else if ((fc.children && lc.children) || (fc.entry && fc.entry === lc.entry)) intact = true;
    }
    let hidden = v.hidden;
    if (!hidden && gone > 0 && !intact && this.input.opaqueUpper.has(v.path)) {
      this.members.push({ path: v.path, kind: "opaque" });
      hidden = true;
    }
    const sorted = [...names].sort(byCodeUnit);
    const prefix = v.path ? `${v.path}/` : "";
    for (let i = sorted.length - 1; i >= 0; i--) {
      const name = sorted[i];
      this.stack.push({ path: prefix + name, f: f.get(name), l: l?.get(name), hidden });
    }
  }

  private emit(path: string, entry: SlimEntry): void {
    if (entry.kind === "file") {
      const first = this.emittedAt.get(entry);
      if (first !== undefined)
        return void this.members.push({ path, kind: "entry", entry, hardlinkTo: first });
      this.emittedAt.set(entry, path);
      return void this.members.push({ path, kind: "entry", entry });
    }
    if (entry.kind !== "hardlink" || !entry.linkTo)
      return void this.members.push({ path, kind: "entry", entry });
    const target = entry.linkTo;
    const first = this.emittedAt.get(target);
    if (first !== undefined)
      return void this.members.push({ path, kind: "entry", entry, hardlinkTo: first });
    const inLower =
      target.layer < this.input.boundary && lookup(this.input.full, target.path)?.entry === target;
    if (inLower)
      return void this.members.push({ path, kind: "entry", entry, hardlinkTo: target.path });
    if (target.spoolAt >= 0 || target.size === 0) {
      this.emittedAt.set(target, path);
      return void this.members.push({ path, kind: "entry", entry, body: target });
    }
    this.members.push({ path, kind: "entry", entry });
  }
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
