import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import { commandsOf, hasFlag, positionals } from "../dockerfile/query.js";
import type { Fix, TextEdit } from "../fix/edits.js";
import { deleteInstruction, keywordSpan } from "./fixes.js";
import { copyDestination, flagValue, normalizePath, lastBefore, workdirAt } from "./helpers.js";
import { instructionIndex } from "../dockerfile/scope.js";
import { StagePathIndex } from "./path-index.js";

/** Directories that exist in base images: chown -R there reaches files no COPY added. */
const SYSTEM_DIRS = new Set([
  "/",
  "/bin",
  "/boot",
  "/dev",
  "/etc",
  "/home",
  "/lib",
  "/lib64",
  "/media",
  "/mnt",
  "/opt",
  "/proc",
  "/root",
  "/run",
  "/sbin",
  "/srv",
  "/sys",
  "/tmp",
  "/usr",
  "/usr/local",
  "/usr/local/bin",
  "/usr/share",
  "/usr/src",
  "/var",
  "/var/lib",
  "/var/www",
  "/var/www/html",
]);

/**
 * `COPY x /app` + `RUN chown -R u /app` → `COPY --chown=u x /app`, for a RUN that is that single
 * chown. Safe when nothing else can own files under the path: every COPY into it targets the
 * path itself, no RUN or WORKDIR before touched it, and it is not a system directory; unsafe
 * otherwise (the RUN also changed files the COPYs did not add). No fix when a RUN runs between
 * the COPY and the chown (it may create the user or more files).
 */
export function chownFix(df: Dockerfile, run: Instruction): Fix | undefined {
  const cmds = commandsOf(run);
  const chown = cmds[0];
  if (
    cmds.length !== 1 ||
    run.heredocs.length > 0 ||
    chown.name !== "chown" ||
    chown.wrappers.length > 0
  )
    return undefined;
  if (!chown.args.every((a) => !a.value.startsWith("-") || ["-R", "--recursive"].includes(a.value)))
    return undefined;
  if (!hasFlag(chown, "-R", "--recursive")) return undefined;
  const [spec, ...paths] = positionals(chown);
  if (!spec || paths.length !== 1 || /[$`'"\s]/.test(spec) || /[:.]$/.test(spec)) return undefined;
  // `chown -R user` keeps the group (root, as COPY left it), but `COPY --chown=user` takes a
  // group of the same name or number (classic builder, BuildKit), so the group is spelled out.
  // `user.group` is chown's old spelling, or a user name with a dot: too ambiguous to rewrite.
  if (!spec.includes(":") && spec.includes(".")) return undefined;
  const owner = spec.includes(":") ? spec : `${spec}:0`;
  const target = normalizePath(paths[0], workdirAt(df, run));
  const copies = copiesBefore(df, run, target);
  if (!copies) return undefined;
  const edits: TextEdit[] = [];
  for (const copy of copies) {
    const existing = flagValue(copy, "chown");
    if (existing !== null && existing !== owner) return undefined;
    const kw = keywordSpan(df, copy);
    if (!kw) return undefined;
    if (existing === null) edits.push({ start: kw.end, end: kw.end, text: ` --chown=${owner}` });
  }
  const del = deleteInstruction(df, run);
  if (!del) return undefined;
  edits.push(del);
  const exact = copies.every((c) => copyDestination(df, c) === target);
  const touched = touchedBefore(df, copies[0], target);
  const safe = exact && !touched && !SYSTEM_DIRS.has(target);
  return {
    applicability: safe ? "safe" : "unsafe",
    description: `set the owner with \`${copies[0].keyword} --chown=${owner}\` and drop the chown layer`,
    edits,
  };
}

/** True when a COPY/ADD destination or WORKDIR is the path or lies under it. */
function into(df: Dockerfile, instr: Instruction, target: string): boolean {
  const dest =
    instr.keyword === "WORKDIR"
      ? normalizePath(instr.args[0] ?? "/", workdirAt(df, instr))
      : copyDestination(df, instr);
  return dest !== null && (dest === target || dest.startsWith(`${target}/`));
}

const copyIndexes = new WeakMap<Dockerfile, StagePathIndex<Instruction>>();

/** Every COPY/ADD of each stage by destination, built once per Dockerfile. */
function copiesByDestination(df: Dockerfile): StagePathIndex<Instruction> {
  let index = copyIndexes.get(df);
  if (index) return index;
  index = new StagePathIndex<Instruction>(df, false);
  for (const i of df.instructions) {
    if ((i.keyword !== "COPY" && i.keyword !== "ADD") || i.onbuild || i.stage < 0) continue;
    const dest = copyDestination(df, i);
    if (dest) index.addPath(i.stage, dest, i);
  }
  copyIndexes.set(df, index);
  return index;
}

/**
 * The COPY/ADDs of the RUN's stage, before it, into the target; null when there is none or
 * when a RUN runs between the first of them and the chown. Only the instructions since the
 * last RUN are read (each RUN's stretch once), so the rule stays linear.
 */
function copiesBefore(df: Dockerfile, run: Instruction, target: string): Instruction[] | null {
  const runAt = instructionIndex(df, run);
  const earliest = copiesByDestination(df).firstAtOrUnder(run.stage, target);
  if (!earliest || instructionIndex(df, earliest) > runAt) return null;
  const previousRun = lastBefore(df, run, "chown-fix:run", (i) => i.keyword === "RUN");
  const stageStart = instructionIndex(df, df.graph.stages[run.stage].from) + 1;
  const from =
    previousRun && previousRun.stage === run.stage
      ? instructionIndex(df, previousRun) + 1
      : stageStart;
  if (instructionIndex(df, earliest) < from) return null;
  return df.instructions
    .slice(from, runAt)
    .filter(
      (i) => (i.keyword === "COPY" || i.keyword === "ADD") && !i.onbuild && into(df, i, target),
    );
}

/** Instructions read back from the first COPY before the fix is called unsafe anyway. */
const TOUCH_BUDGET = 10_000;

/** True when a WORKDIR into the target or a RUN naming it came before `copy`, in its chain. */
function touchedBefore(df: Dockerfile, copy: Instruction, target: string): boolean {
  let budget = TOUCH_BUDGET;
  const touches = (i: Instruction) =>
    !i.onbuild &&
    ((i.keyword === "WORKDIR" && into(df, i, target)) ||
      (i.keyword === "RUN" && (i.shell?.text ?? "").includes(target)));
  const stageStart = instructionIndex(df, df.graph.stages[copy.stage].from);
  for (let k = instructionIndex(df, copy) - 1; k > stageStart; k--) {
    if (--budget < 0) return true;
    if (touches(df.instructions[k])) return true;
  }
  for (let s = df.graph.stages[copy.stage].parent; s !== null; s = df.graph.stages[s].parent) {
    const list = df.graph.stages[s].instructions;
    for (let k = list.length - 1; k >= 0; k--) {
      if (--budget < 0) return true;
      if (touches(list[k])) return true;
    }
    if (--budget < 0) return true;
  }
  return false;
}
