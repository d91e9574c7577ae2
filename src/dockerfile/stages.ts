import { parseImageRef, expandVars } from "./image-ref.js";
import type { Instruction, Stage, StageGraph } from "./model.js";

/** Groups instructions into stages and resolves `FROM stage` and `COPY --from=stage` once. */
export function buildStageGraph(
  instructions: Instruction[],
  froms: Map<Instruction, { image: string; name: string | null }>,
  globalArgs: Record<string, string | null>,
): StageGraph {
  const stages: Stage[] = [];
  for (const instr of instructions) {
    const from = froms.get(instr);
    if (from) {
      const raw = expandVars(from.image, globalArgs);
      const lower = raw.toLowerCase();
      const parent = stages.findIndex((s) => s.name !== null && s.name === lower);
      stages.push({
        index: stages.length,
        name: from.name?.toLowerCase() ?? null,
        from: instr,
        image: parseImageRef(raw),
        parent: parent >= 0 ? parent : null,
        instructions: [],
      });
    }
    if (stages.length > 0 && instr.keyword !== "FROM")
      stages[stages.length - 1].instructions.push(instr);
  }
  const resolve = (ref: string): number | null => {
    const lower = ref.toLowerCase();
    const named = stages.findIndex((s) => s.name === lower);
    if (named >= 0) return named;
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

function reaching(stages: Stage[], resolve: (ref: string) => number | null): Set<number> {
  const out = new Set<number>();
  const add = (index: number | null): void => {
    if (index === null || out.has(index)) return;
    out.add(index);
    const stage = stages[index];
    add(stage.parent);
    for (const instr of stage.instructions) {
      if (instr.onbuild || !isWholeRootCopy(instr)) continue;
      const from = instr.flags.find((f) => f.name === "from")?.value;
      if (from) add(resolve(from));
    }
  };
  if (stages.length > 0) add(stages.length - 1);
  return out;
}
