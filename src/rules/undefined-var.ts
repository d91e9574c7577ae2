import type { Instruction } from "../dockerfile/model.js";
import { PREDEFINED_ARGS, variablesIn } from "./buildkit.js";
import { defineRule } from "./rule.js";

/** Instructions whose arguments the builder expands (RUN's shell expands its own). */
const EXPANDED = new Set([
  "ADD",
  "COPY",
  "ENV",
  "EXPOSE",
  "LABEL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
  "ARG",
]);

/** Levenshtein distance, capped: only near misses matter. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

export default defineRule({
  id: "undefined-var",
  meta: {
    severity: "warning",
    category: "correctness",
    summary: "a variable that no ARG or ENV defines, next to one that does (a typo)",
    hadolint: [],
    checks: ["UndefinedVar"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags a `$VAR` in an instruction the builder expands (COPY, ADD, ENV, LABEL, WORKDIR, USER, EXPOSE, VOLUME, ARG, STOPSIGNAL) when no ARG or ENV before it defines VAR and one with a name a letter or two away does, or the stage starts FROM scratch (which has no environment). This is Docker's build check UndefinedVar, restricted to what is knowable without pulling the base image: variables the base image sets (PATH, JAVA_HOME…) are not reported.",
      why: "An undefined variable expands to the empty string: `COPY app /opt/$APP_VERISON/` copies to `/opt//`.",
      example: "FROM debian:bookworm-slim\nARG APP_VERSION=1.2\nCOPY app /opt/app-$APP_VERISON/\n",
      useInstead:
        "FROM debian:bookworm-slim\nARG APP_VERSION=1.2\nCOPY app /opt/app-$APP_VERSION/\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    undefinedVar: "usage of undefined variable '${{name}}'{{hint}}",
  },
  create(ctx) {
    const df = ctx.dockerfile;
    // Names defined so far per stage, a stage starting from its parent's: one walk, no rescans.
    const defined = new Map<number, Set<string>>();
    const definedIn = (stage: number): Set<string> => {
      let set = defined.get(stage);
      if (!set) {
        const parent = df.graph.stages[stage]?.parent;
        set = new Set(parent !== null && parent !== undefined ? defined.get(parent) : []);
        defined.set(stage, set);
      }
      return set;
    };
    return {
      "*"(instr: Instruction) {
        if (instr.stage < 0 || instr.onbuild) return;
        const names = definedIn(instr.stage);
        if (EXPANDED.has(instr.keyword)) check(instr, names);
        if (instr.keyword === "ENV" || instr.keyword === "ARG")
          for (const p of instr.properties) names.add(p.name);
      },
    };

    function check(instr: Instruction, names: Set<string>): void {
      const used = new Set((instr.json ?? instr.args).flatMap(variablesIn));
      if (used.size === 0) return;
      // ENV A=1 B=$A: the instruction's own earlier pairs count.
      const own = new Set(instr.properties.map((p) => p.name));
      const fromScratch = rootImage(instr) === "scratch";
      for (const name of used) {
        if (names.has(name) || own.has(name) || PREDEFINED_ARGS.has(name)) continue;
        const near = [...names].find((d) => d !== name && distance(d, name) <= 2);
        if (!near && !fromScratch) continue;
        const hint = near ? ` (did you mean $${near}?)` : "";
        ctx.report({ instr, messageId: "undefinedVar", data: { name, hint } });
      }
    }

    function rootImage(instr: Instruction): string {
      let stage = df.graph.stages[instr.stage];
      for (let hops = 0; stage.parent !== null && hops < df.graph.stages.length; hops++)
        stage = df.graph.stages[stage.parent];
      return stage.image.name;
    }
  },
});
