import type { Instruction } from "../dockerfile/model.js";
import { PREDEFINED_ARGS, variablesIn } from "./buildkit.js";
import { precedingInChain } from "./helpers.js";
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
    return {
      "*"(instr: Instruction) {
        if (!EXPANDED.has(instr.keyword) || instr.stage < 0 || instr.onbuild) return;
        const words = instr.json ?? instr.args;
        const used = new Set(words.flatMap(variablesIn));
        if (used.size === 0) return;
        const defined = new Set<string>();
        for (const i of precedingInChain(df, instr))
          if (i.keyword === "ENV" || i.keyword === "ARG")
            for (const p of i.properties) defined.add(p.name);
        // ENV A=1 B=$A: earlier pairs of the same instruction count.
        for (const p of instr.properties) defined.add(p.name);
        const fromScratch = rootImage(instr) === "scratch";
        for (const name of used) {
          if (defined.has(name) || PREDEFINED_ARGS.has(name)) continue;
          const near = [...defined].find((d) => distance(d, name) <= 2 && d !== name);
          if (!near && !fromScratch) continue;
          const hint = near ? ` (did you mean $${near}?)` : "";
          ctx.report({ instr, messageId: "undefinedVar", data: { name, hint } });
        }
      },
    };

    function rootImage(instr: Instruction): string {
      let stage = df.graph.stages[instr.stage];
      for (let hops = 0; stage.parent !== null && hops < df.graph.stages.length; hops++)
        stage = df.graph.stages[stage.parent];
      return stage.image.name;
    }
  },
});
