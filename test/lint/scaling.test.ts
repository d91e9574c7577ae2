import { beforeAll, describe, expect, it } from "vitest";
import type { Dockerfile, Instruction } from "../../src/dockerfile/model.js";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { loadShellParser, type ShellParser } from "../../src/dockerfile/shell.js";
import { runRules } from "../../src/lint/engine.js";
import { RULES } from "../../src/rules/index.js";

let shell: ShellParser;
beforeAll(async () => {
  shell = await loadShellParser();
});

/** Long Dockerfiles of the shapes that were quadratic (issue 13 §4), n instructions or so. */
const SHAPES: Record<string, (n: number) => string> = {
  "one stage of RUNs": (n) =>
    "FROM debian:bookworm\n" +
    Array.from(
      { length: n },
      (_, i) => `RUN pip install foo${i} && apt-get update && apt-get install -y x${i}\n`,
    ).join(""),
  "ENV, WORKDIR, COPY, RUN and chown": (n) =>
    "FROM debian:bookworm\nWORKDIR /app\n" +
    Array.from(
      { length: n },
      (_, i) =>
        [
          `ENV X${i}=${i}`,
          `WORKDIR /app/d${i % 7}`,
          `COPY a${i} b/`,
          `RUN apt-get update && apt-get install -y x${i} && rm -rf /tmp/x${i}`,
          `RUN chown -R app /app/d${i % 7}/b`,
          `SHELL ["/bin/bash", "-c"]`,
        ][i % 6] + "\n",
    ).join(""),
  "a FROM chain": (n) =>
    "FROM debian AS s0\n" +
    Array.from({ length: n / 3 }, (_, i) =>
      [
        `RUN pip install x${i} && apt-get update && apk update && chown -R app /app`,
        `COPY a /app/`,
        `FROM s${i} AS s${i + 1}`,
      ].join("\n"),
    ).join("\n") +
    "\n",
  "many stages": (n) =>
    Array.from(
      { length: n / 2 },
      (_, i) => `FROM debian AS s${i}\nRUN apt-get update && apt-get install -y curl\n`,
    ).join("") + `COPY --from=s0 / /\n`,
};

/**
 * Reads of instruction and stage fields while the rules run: a rule that rescans earlier instructions
 * for each one reads O(n²) of them. Counting reads, not time, keeps the test deterministic;
 * `npm run bench` has the timing.
 */
function fieldReads(text: string): number {
  const df = parseDockerfile(text, shell);
  let reads = 0;
  const count = <T extends object>(value: T): T =>
    new Proxy(value, {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  const proxies = new Map<Instruction, Instruction>();
  for (const instr of df.instructions) proxies.set(instr, count(instr));
  const wrap = (i: Instruction) => proxies.get(i) ?? i;
  const counted: Dockerfile = {
    ...df,
    instructions: df.instructions.map(wrap),
    graph: {
      ...df.graph,
      stages: df.graph.stages.map((s) =>
        count({ ...s, from: wrap(s.from), instructions: s.instructions.map(wrap) }),
      ),
    },
  };
  reads = 0;
  runRules(counted, RULES, {}, "Dockerfile");
  return reads;
}

describe("the lint engine is linear in the instruction count", () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    it(name, () => {
      const small = fieldReads(make(200));
      const large = fieldReads(make(800));
      // Linear work gives 4x the reads for 4x the instructions; a rescan per instruction gives 16x.
      expect(large / small).toBeLessThan(5);
    });
  }
});
