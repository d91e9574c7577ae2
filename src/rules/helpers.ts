import type { Command, Dockerfile, Instruction } from "../dockerfile/model.js";
import { globCovers, pathPattern } from "./path-glob.js";
import { commandsOf } from "../dockerfile/query.js";

/**
 * True when the instruction's bytes end up in the final image: its stage reaches the final
 * stage (issue 3 §2). An ONBUILD trigger counts only there too: a builder stage's triggers
 * never reach the image that ships (issue 17).
 */
export function reachesFinal(df: Dockerfile, instr: Instruction): boolean {
  return df.graph.reachesFinal.has(instr.stage);
}

/** Stage indices from the root of the FROM chain down to `stage`. */
export function stageChain(df: Dockerfile, stage: number): number[] {
  const chain: number[] = [];
  for (
    let s: number | null = stage;
    s !== null && s >= 0 && !chain.includes(s);
    s = df.graph.stages[s].parent
  ) {
    chain.unshift(s);
  }
  return chain;
}

/** Instructions that precede `instr` in its stage and in the stages it is built FROM. */
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

// Several rules ask for the same instruction's WORKDIR and ENV; each answer walks the FROM chain.
const envCache = new WeakMap<Instruction, Record<string, string>>();
const workdirCache = new WeakMap<Instruction, string>();

/** Variables set by ENV and ARG defaults visible to an instruction (its stage and the stages it is built FROM). */
export function envAt(df: Dockerfile, instr: Instruction): Record<string, string> {
  const cached = envCache.get(instr);
  if (cached) return cached;
  const env: Record<string, string> = {};
  for (const i of precedingInChain(df, instr)) {
    if (i.keyword !== "ENV" && i.keyword !== "ARG") continue;
    for (const p of i.properties) if (p.value !== null) env[p.name] = p.value;
  }
  envCache.set(instr, env);
  return env;
}

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

/** Absolute, `~`-expanded path without trailing glob components or slashes. */
export function normalizePath(path: string, workdir: string): string {
  let p = path.replace(/^~(?=\/|$)/, "/root").replace(/^\$HOME(?=\/|$)/, "/root");
  if (!p.startsWith("/")) p = `${workdir.replace(/\/$/, "")}/${p}`;
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  while (parts.length > 0 && /[*?[]/.test(parts[parts.length - 1])) parts.pop();
  return `/${parts.join("/")}`;
}

/** True when one path is the other or contains it. */
export function overlaps(a: string, b: string): boolean {
  if (a === b || a === "/" || b === "/") return true;
  return a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** WORKDIR in effect for an instruction (Docker's default is `/`). */
export function workdirAt(df: Dockerfile, instr: Instruction): string {
  const cached = workdirCache.get(instr);
  if (cached !== undefined) return cached;
  let dir = "/";
  for (const i of precedingInChain(df, instr)) {
    if (i.keyword === "WORKDIR" && i.args[0]) dir = normalizePath(i.args[0], dir);
  }
  workdirCache.set(instr, dir);
  return dir;
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
