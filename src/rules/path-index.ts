import type { Dockerfile } from "../dockerfile/model.js";
import { childStages } from "../dockerfile/scope.js";

interface Hit<T> {
  entry: T;
  order: number;
}

interface PathNode<T> {
  /** Earliest entry at exactly this path, and at this path or under it. */
  here?: Hit<T>;
  below?: Hit<T>;
  children?: Map<string, PathNode<T>>;
}

/** One stage's entries (and, handed down, its single child's), by path and by key. */
class Entries<T> {
  readonly root: PathNode<T> = {};
  readonly keys = new Map<string, Hit<T>>();
}

/**
 * Entries recorded at absolute paths (or under a key) as a rule walks the file, each stage
 * seeing its own and those of the stages it is built FROM. Replaces a list per stage scanned
 * with `find` (quadratic, issue 13 §4): a query costs the depth of the path. A stage that is
 * the only child of its parent takes its parent's entries over instead of copying them, so
 * FROM chains cost nothing; siblings share the parent's, read-only.
 */
export class StagePathIndex<T> {
  private readonly stages = new Map<number, { own: Entries<T>; inherited: Entries<T>[] }>();
  private order = 0;

  /** With `inherit` false, each stage sees only its own entries. */
  constructor(
    private readonly df: Dockerfile,
    private readonly inherit = true,
  ) {}

  /** Records `entry` at a normalised absolute path. */
  addPath(stage: number, path: string, entry: T): void {
    const hit = { entry, order: this.order++ };
    let node = this.of(stage).own.root;
    node.below ??= hit;
    for (const part of parts(path)) {
      node.children ??= new Map();
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = {}));
      node = child;
      node.below ??= hit;
    }
    node.here ??= hit;
  }

  /** Records `entry` under a key (a package manager, say). */
  addKey(stage: number, key: string, entry: T): void {
    const keys = this.of(stage).own.keys;
    if (!keys.has(key)) keys.set(key, { entry, order: this.order++ });
  }

  /**
   * The earliest entry whose path is `path`, under it, or above it. An entry at `/` counts
   * only with `rootContains` (is `/` the parent of everything, or a path of its own?).
   */
  firstOverlapping(stage: number, path: string, rootContains: boolean): T | undefined {
    const names = parts(path);
    for (const entries of this.chain(stage)) {
      const root = entries.root;
      let best = names.length === 0 ? (rootContains ? root.below : root.here) : undefined;
      if (names.length > 0 && rootContains) best = root.here;
      let node: PathNode<T> | undefined = root;
      for (let i = 0; i < names.length && node; i++) {
        node = node.children?.get(names[i]);
        best = earlier(best, i < names.length - 1 ? node?.here : node?.below);
      }
      if (best) return best.entry;
    }
    return undefined;
  }

  /** The earliest entry whose path is `path` or under it. */
  firstAtOrUnder(stage: number, path: string): T | undefined {
    for (const entries of this.chain(stage)) {
      let node: PathNode<T> | undefined = entries.root;
      for (const name of parts(path)) node = node?.children?.get(name);
      if (node?.below) return node.below.entry;
    }
    return undefined;
  }

  /** The earliest entry recorded under `key`. */
  firstWithKey(stage: number, key: string): T | undefined {
    for (const entries of this.chain(stage)) {
      const hit = entries.keys.get(key);
      if (hit) return hit.entry;
    }
    return undefined;
  }

  /** Oldest entries first: a parent's entries precede all of its child's. */
  private chain(stage: number): Entries<T>[] {
    const state = this.of(stage);
    return [...state.inherited, state.own];
  }

  private of(stage: number): { own: Entries<T>; inherited: Entries<T>[] } {
    const known = this.stages.get(stage);
    if (known) return known;
    // Create missing ancestors root first, without recursion.
    const missing: number[] = [];
    for (let s: number | null = stage; s !== null && !this.stages.has(s);)
      (missing.push(s), (s = this.df.graph.stages[s]?.parent ?? null));
    for (const s of missing.reverse()) {
      const parent = this.df.graph.stages[s]?.parent ?? null;
      const from = parent === null || !this.inherit ? undefined : this.stages.get(parent);
      if (!from) this.stages.set(s, { own: new Entries(), inherited: [] });
      else if (childStages(this.df)[parent!].length === 1) this.stages.set(s, from);
      else this.stages.set(s, { own: new Entries(), inherited: [...from.inherited, from.own] });
    }
    return this.stages.get(stage)!;
  }
}

function parts(path: string): string[] {
  return path.split("/").filter((p) => p !== "");
}

function earlier<T>(a: Hit<T> | undefined, b: Hit<T> | undefined): Hit<T> | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.order <= b.order ? a : b;
}
