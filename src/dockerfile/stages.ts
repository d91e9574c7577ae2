import { parseImageRef, expandVars } from "./image-ref.js";
import type { Instruction, Stage, StageGraph } from "./model.js";

/** Groups instructions into stages and resolves `FROM stage` and `COPY --from=stage` once. */
export function buildStageGraph(
  instructions: Instruction[],
  froms: Map<Instruction, { image: string; name: string | null }>,
  globalArgs: Record<string, string | null>,
): StageGraph {
  const stages: Stage[] = [];
  // The first stage of each name; a FROM can only name a stage defined before it.
  const byName = new Map<string, number>();
  for (const instr of instructions) {
    const from = froms.get(instr);
    if (from) {
      const raw = expandVars(from.image, globalArgs);
      const name = from.name?.toLowerCase() ?? null;
      stages.push({
        index: stages.length,
        name,
        from: instr,
        image: parseImageRef(raw),
        parent: byName.get(raw.toLowerCase()) ?? null,
        instructions: [],
      });
      if (name !== null && !byName.has(name)) byName.set(name, stages.length - 1);
    }
    if (stages.length > 0 && instr.keyword !== "FROM")
      stages[stages.length - 1].instructions.push(instr);
  }
  const resolve = (ref: string): number | null => {
    const named = byName.get(ref.toLowerCase());
    if (named !== undefined) return named;
    return /^\d+$/.test(ref) && Number(ref) < stages.length ? Number(ref) : null;
  };
  return { stages, reachesFinal: reaching(stages, resolve), resolve };
}

/** A stage whose whole root is copied is part of the final filesystem. */
export function isWholeRootCopy(instr: Instruction): boolean {
  if (instr.keyword !== "COPY" || !instr.flags.some((f) => f.name === "from")) return false;
  const paths = instr.json ?? instr.args;
  return paths.length === 2 && ["/", "/.", "."].includes(paths[0]) && paths[1] === "/";
}

/** A worklist, not recursion: a FROM chain can be as deep as the file is long (issue 13 §4). */
function reaching(stages: Stage[], resolve: (ref: string) => number | null): Set<number> {
  const out = new Set<number>();
  const todo: (number | null)[] = stages.length > 0 ? [stages.length - 1] : [];
  while (todo.length > 0) {
    const index = todo.pop()!;
    if (index === null || out.has(index)) continue;
    out.add(index);
    const stage = stages[index];
    todo.push(stage.parent);
    for (const instr of stage.instructions) {
      if (instr.onbuild || !isWholeRootCopy(instr)) continue;
      const from = instr.flags.find((f) => f.name === "from")?.value;
      if (from) todo.push(resolve(from));
    }
  }
  return out;
}
