import type { FsNode } from "../filetree/node.js";
import { lookup } from "../filetree/merge.js";
import type { SlimEntry } from "./entry.js";
import type { PackageOwners } from "./package-owners.js";
import { STRIP_SETS, type StripContext, type StripSet, type StripSetName } from "./strip-sets.js";

/** What one strip set removed (or would remove), and what it had to leave. */
export interface StripTally {
  set: StripSetName;
  bytes: number;
  files: number;
  byLayer: Map<number, { bytes: number; files: number }>;
  /** The first paths removed, in the new layer's order. */
  examples: string[];
  /** Bytes matched but kept because a package owns them (no --aggressive) or they are conffiles. */
  keptOwnedBytes: number;
  /** Bytes matched in the kept base layers, which only `--squash all` can reach. */
  inBaseBytes: number;
}

export interface StripperOptions {
  sets: StripSetName[];
  owners: PackageOwners;
  aggressive: boolean;
  keepLocales: readonly string[];
  full: FsNode;
}

const EXAMPLES = 10;

/** Decides, path by path, what the selected strip sets remove, and keeps the tally. */
export class Stripper {
  readonly tallies = new Map<StripSetName, StripTally>();
  private readonly sets: StripSet[];
  private readonly ctx: StripContext;

  constructor(private readonly options: StripperOptions) {
    this.sets = options.sets.map((name) => STRIP_SETS[name]);
    for (const set of options.sets) this.tallies.set(set, emptyTally(set));
    this.ctx = {
      keepLocales: options.keepLocales,
      isFile: (p) => lookup(options.full, p)?.entry?.kind === "file",
    };
  }

  /** True when a squashed layer's non-directory entry at `path` is removed. */
  strips(path: string, entry: SlimEntry): boolean {
    const set = this.matching(path);
    if (!set) return false;
    const tally = this.tallies.get(set.name)!;
    if (this.isProtected(path)) {
      tally.keptOwnedBytes += entry.size;
      return false;
    }
    record(tally, path, entry);
    return true;
  }

  /** Counts a matching file of a kept base layer, which stays. */
  noteKept(path: string, entry: SlimEntry): void {
    if (this.sets.length === 0 || entry.kind !== "file") return;
    const set = this.matching(path);
    if (set) this.tallies.get(set.name)!.inBaseBytes += entry.size;
  }

  /**
   * True when a directory goes whole (a `.git`, a package's `tests`): a set claims it, no
   * kept layer has content there, and no package owns a file below it.
   */
  dropsDir(path: string, dir: FsNode, lower: FsNode | undefined): boolean {
    const set = this.sets.find((s) => s.dir?.(path));
    if (!set || lower) return false;
    const files: [string, SlimEntry][] = [];
    const stack: [string, FsNode][] = [[path, dir]];
    while (stack.length) {
      const [p, node] = stack.pop()!;
      if (node.entry && node.entry.kind !== "dir") {
        if (this.isProtected(p)) return false;
        files.push([p, node.entry as SlimEntry]);
      }
      for (const [name, child] of node.children ?? []) stack.push([`${p}/${name}`, child]);
    }
    const tally = this.tallies.get(set.name)!;
    files.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [p, e] of files) record(tally, p, e);
    return true;
  }

  private matching(path: string): StripSet | undefined {
    for (const set of this.sets) if (set.file(path, this.ctx)) return set;
    return undefined;
  }

  /** Config files always stay; package-owned files stay unless --aggressive. */
  private isProtected(path: string): boolean {
    const { owners, aggressive } = this.options;
    return owners.conffiles.has(path) || (!aggressive && owners.owned.has(path));
  }
}

function emptyTally(set: StripSetName): StripTally {
  return {
    set,
    bytes: 0,
    files: 0,
    byLayer: new Map(),
    examples: [],
    keptOwnedBytes: 0,
    inBaseBytes: 0,
  };
}

function record(tally: StripTally, path: string, entry: SlimEntry): void {
  tally.bytes += entry.size;
  tally.files++;
  const at = tally.byLayer.get(entry.layer) ?? { bytes: 0, files: 0 };
  at.bytes += entry.size;
  at.files++;
  tally.byLayer.set(entry.layer, at);
  if (tally.examples.length < EXAMPLES) tally.examples.push(path);
}
