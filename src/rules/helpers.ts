import type { Command, Dockerfile, Instruction } from "../dockerfile/model.js";
import { normalizePath } from "../dockerfile/paths.js";
import { globCovers, pathPattern } from "./path-glob.js";
import { commandsOf } from "../dockerfile/query.js";
import {
  childStages,
  envValue,
  laterInTree,
  lastBefore,
  rootStage,
  workdirAt,
} from "../dockerfile/scope.js";

/**
 * True when the instruction's bytes end up in the final image: its stage reaches the final
 * stage (issue 3 §2). An ONBUILD trigger counts only there too: a builder stage's triggers
 * never reach the image that ships (issue 17).
 */
export function reachesFinal(df: Dockerfile, instr: Instruction): boolean {
  return df.graph.reachesFinal.has(instr.stage);
}

/** Stage indices from the root of the FROM chain down to `stage` (a parent always precedes its child). */
export function stageChain(df: Dockerfile, stage: number): number[] {
  const chain: number[] = [];
  for (let s: number | null = stage; s !== null && s >= 0; s = df.graph.stages[s]?.parent ?? null)
    chain.push(s);
  return chain.reverse();
}

/**
 * Instructions that precede `instr` in its stage and in the stages it is built FROM. This is
 * O(chain) per call: for a question asked of every instruction use lastBefore, workdirAt or
 * envValue (dockerfile/scope.ts), which answer from one pass.
 */
export function precedingInChain(df: Dockerfile, instr: Instruction): Instruction[] {
  if (instr.stage < 0) return [];
  const out: Instruction[] = [];
  for (const s of stageChain(df, instr.stage)) {
    for (const i of df.graph.stages[s].instructions) {
      if (i === instr) return out;
      if (!i.onbuild) out.push(i);
    }
  }
  return out;
}

export { childStages, envValue, laterInTree, lastBefore, normalizePath, rootStage, workdirAt };

/** True when the RUN also exports `name` (`export X=1`) before any command uses it. */
export function exportsVar(instr: Instruction, name: string): boolean {
  return commandsOf(instr).some(
    (c) => c.name === "export" && c.args.some((a) => a.value.startsWith(`${name}=`)),
  );
}

/** True when a BuildKit cache or tmpfs mount covers one of `dirs` (or a parent of it). */
export function hasCacheMount(instr: Instruction, dirs: readonly string[]): boolean {
  return instr.flags.some((f) => {
    if (f.name !== "mount") return false;
    const type = f.options.type;
    if (type !== "cache" && type !== "tmpfs") return false;
    const target = f.options.target ?? f.options.dst ?? f.options.destination;
    return !!target && dirs.some((d) => overlaps(normalizePath(target, "/"), d));
  });
}

/** True when one path is the other or contains it. */
export function overlaps(a: string, b: string): boolean {
  if (a === b || a === "/" || b === "/") return true;
  return a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** Destination of a COPY/ADD, resolved against WORKDIR; null for heredoc-only or odd forms. */
export function copyDestination(df: Dockerfile, instr: Instruction): string | null {
  const paths = instr.json ?? instr.args;
  const dest = paths[paths.length - 1];
  if (!dest || paths.length < 2) return null;
  return normalizePath(dest, workdirAt(df, instr));
}

/** Sources of a COPY/ADD (everything but the destination). */
export function copySources(instr: Instruction): string[] {
  const paths = instr.json ?? instr.args;
  return paths.slice(0, -1);
}

export function flagValue(instr: Instruction, name: string): string | null {
  return instr.flags.find((f) => f.name === name)?.value ?? null;
}

/**
 * True when the RUN has an `rm` (any flags) of `dir`, its contents (`dir/*`), a parent of it or a
 * glob matching it; with `after`, only commands that run after that one count (a cleanup before
 * the install cleans nothing it made).
 */
export function removesPath(
  df: Dockerfile,
  instr: Instruction,
  dirs: readonly string[],
  after?: Command,
): boolean {
  const workdir = workdirAt(df, instr);
  return commandsOf(instr).some(
    (c) =>
      c.name === "rm" &&
      (!after || c.index > after.index) &&
      c.args.some((a) => {
        if (a.value.startsWith("-")) return false;
        const { dir, glob } = pathPattern(a.value, workdir);
        if (glob) return dirs.some((d) => d === dir || globCovers(glob, d));
        return dir !== "/" && dirs.some((d) => d === dir || d.startsWith(`${dir}/`));
      }),
  );
}
