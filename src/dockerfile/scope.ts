import type { Dockerfile, Instruction } from "./model.js";
import { normalizePath, PATH_MAX } from "./paths.js";

/**
 * What an instruction inherits from the instructions before it in its stage and in the stages
 * it is built FROM: WORKDIR, ENV/ARG values, the last instruction of a kind. Each is computed
 * in one pass over the file and answered in O(1) or O(log n), so rules that ask about every
 * instruction stay linear (issue 13 §4: rescanning the chain per instruction was quadratic).
 * Instructions before the first FROM inherit nothing; ONBUILD triggers are asked about but
 * count for nothing here (they run in a later build).
 */
interface Scope {
  /** Index of each instruction in df.instructions. */
  index: Map<Instruction, number>;
  workdir: Map<Instruction, string>;
  /** Per stage, per variable: indices (ascending) where ENV/ARG set it, and the values. */
  vars: Map<string, { at: number[]; values: string[] }>[];
  /** Per stage, memo of each variable's value at the end of the stage (null: unset). */
  finalVars: Map<string, string | null>[];
  lastBefore: Map<string, Map<Instruction, Instruction | null>>;
  laterInTree: Map<string, Map<Instruction, boolean>>;
  /** For each stage, the stages built FROM it; and the first stage of its FROM chain. */
  children: number[][];
  roots: number[];
}

const scopes = new WeakMap<Dockerfile, Scope>();

function scopeOf(df: Dockerfile): Scope {
  let scope = scopes.get(df);
  if (!scope) scopes.set(df, (scope = buildScope(df)));
  return scope;
}

function parentOf(df: Dockerfile, stage: number): number | null {
  return df.graph.stages[stage]?.parent ?? null;
}

function buildScope(df: Dockerfile): Scope {
  const stageCount = df.graph.stages.length;
  const scope: Scope = {
    index: new Map(),
    workdir: new Map(),
    vars: Array.from({ length: stageCount }, () => new Map()),
    finalVars: Array.from({ length: stageCount }, () => new Map()),
    lastBefore: new Map(),
    laterInTree: new Map(),
    children: df.graph.stages.map(() => []),
    roots: [],
  };
  for (const s of df.graph.stages) {
    if (s.parent !== null) scope.children[s.parent].push(s.index);
    scope.roots.push(s.parent === null ? s.index : scope.roots[s.parent]);
  }
  const finalDir: string[] = [];
  let stage = -1;
  let dir = "/";
  df.instructions.forEach((instr, i) => {
    scope.index.set(instr, i);
    if (instr.stage !== stage) {
      if (stage >= 0) finalDir[stage] = dir;
      stage = instr.stage;
      const parent = parentOf(df, stage);
      dir = parent === null ? "/" : (finalDir[parent] ?? "/");
    }
    scope.workdir.set(instr, dir);
    if (instr.onbuild || stage < 0) return;
    if (instr.keyword === "WORKDIR" && instr.args[0]) {
      const next = normalizePath(instr.args[0], dir);
      if (next.length <= PATH_MAX) dir = next;
    }
    if (instr.keyword !== "ENV" && instr.keyword !== "ARG") return;
    for (const p of instr.properties) {
      if (p.value === null) continue;
      const list = scope.vars[stage].get(p.name) ?? { at: [], values: [] };
      list.at.push(i);
      list.values.push(p.value);
      scope.vars[stage].set(p.name, list);
    }
  });
  return scope;
}

/** Position of an instruction in df.instructions (document order). */
export function instructionIndex(df: Dockerfile, instr: Instruction): number {
  return scopeOf(df).index.get(instr) ?? -1;
}

/** WORKDIR in effect for an instruction (Docker's default is `/`). */
export function workdirAt(df: Dockerfile, instr: Instruction): string {
  return scopeOf(df).workdir.get(instr) ?? "/";
}

/** Value of a variable set by ENV or an ARG default before the instruction, in its stage or the stages it is built FROM. */
export function envValue(df: Dockerfile, instr: Instruction, name: string): string | undefined {
  const scope = scopeOf(df);
  const index = scope.index.get(instr);
  if (index === undefined || instr.stage < 0) return undefined;
  const own = scope.vars[instr.stage]?.get(name);
  if (own) {
    const k = lastBelow(own.at, index);
    if (k >= 0) return own.values[k];
  }
  const parent = parentOf(df, instr.stage);
  return parent === null ? undefined : (finalValue(df, scope, parent, name) ?? undefined);
}

/** Largest k with sorted[k] < limit, or -1. */
function lastBelow(sorted: number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** A variable's value at the end of a stage, memoised per stage; walks up the FROM chain without recursion. */
function finalValue(df: Dockerfile, scope: Scope, stage: number, name: string): string | null {
  const path: number[] = [];
  let value: string | null = null;
  for (let s: number | null = stage; s !== null; s = parentOf(df, s)) {
    const memo = scope.finalVars[s].get(name);
    if (memo !== undefined) {
      value = memo;
      break;
    }
    path.push(s);
    const own = scope.vars[s].get(name);
    if (own) {
      value = own.values[own.values.length - 1];
      break;
    }
  }
  for (const s of path) scope.finalVars[s].set(name, value);
  return value;
}

/**
 * The last instruction before `instr`, in its stage or the stages it is built FROM, for which
 * `test` holds; null if none. `key` names the test: its answers for every instruction are
 * computed in one pass the first time the key is asked, and kept for the Dockerfile.
 */
export function lastBefore(
  df: Dockerfile,
  instr: Instruction,
  key: string,
  test: (i: Instruction) => boolean,
): Instruction | null {
  const scope = scopeOf(df);
  let answers = scope.lastBefore.get(key);
  if (!answers) scope.lastBefore.set(key, (answers = lastBeforeAll(df, test)));
  return answers.get(instr) ?? null;
}

function lastBeforeAll(
  df: Dockerfile,
  test: (i: Instruction) => boolean,
): Map<Instruction, Instruction | null> {
  const answers = new Map<Instruction, Instruction | null>();
  const final: (Instruction | null)[] = [];
  let stage = -1;
  let last: Instruction | null = null;
  for (const instr of df.instructions) {
    if (instr.stage !== stage) {
      if (stage >= 0) final[stage] = last;
      stage = instr.stage;
      const parent = parentOf(df, stage);
      last = parent === null ? null : (final[parent] ?? null);
    }
    answers.set(instr, last);
    if (stage >= 0 && !instr.onbuild && test(instr)) last = instr;
  }
  return answers;
}

/** For each stage, the stages built FROM it, in order. */
export function childStages(df: Dockerfile): number[][] {
  return scopeOf(df).children;
}

/** The first stage of the FROM chain that `stage` is built on (itself for an external base). */
export function rootStage(df: Dockerfile, stage: number): number {
  return scopeOf(df).roots[stage] ?? stage;
}

/** What an instruction means for a laterInTree question. */
export type LaterEvent = "hit" | "stop" | null;

/**
 * True when, after `instr`, some instruction of its stage or of a stage built (at any depth)
 * FROM it is a "hit" with no "stop" before it on the way there: the rest of the stage, then
 * down the FROM chain to that instruction's stage. Computed for every instruction in one
 * backward pass the first time `key` is asked.
 */
export function laterInTree(
  df: Dockerfile,
  instr: Instruction,
  key: string,
  classify: (i: Instruction) => LaterEvent,
): boolean {
  const scope = scopeOf(df);
  let answers = scope.laterInTree.get(key);
  if (!answers) scope.laterInTree.set(key, (answers = laterInTreeAll(df, scope, classify)));
  return answers.get(instr) ?? false;
}

function laterInTreeAll(
  df: Dockerfile,
  scope: Scope,
  classify: (i: Instruction) => LaterEvent,
): Map<Instruction, boolean> {
  const answers = new Map<Instruction, boolean>();
  // fromStart[s]: the question's answer for an instruction just before stage s's first one.
  const fromStart: boolean[] = [];
  const list = df.instructions;
  let end = list.length;
  while (end > 0) {
    const stage = list[end - 1].stage;
    let start = end - 1;
    while (start > 0 && list[start - 1].stage === stage) start--;
    // Stages come in order, and a child always after its parent: its answer is known here.
    let answer = stage >= 0 && scope.children[stage].some((c) => fromStart[c]);
    for (let i = end - 1; i >= start; i--) {
      answers.set(list[i], answer);
      if (stage < 0) continue;
      const event = classify(list[i]);
      if (event !== null) answer = event === "hit";
    }
    if (stage >= 0) fromStart[stage] = answer;
    end = start;
  }
  return answers;
}
