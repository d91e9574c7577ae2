import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { loadShellParser, type ShellParser } from "../../src/dockerfile/shell.js";
import { undoes } from "../../src/rules/artifacts.js";
import { overlaps, stageChain } from "../../src/rules/helpers.js";
import { StagePathIndex } from "../../src/rules/path-index.js";

let shell: ShellParser;
beforeAll(async () => {
  shell = await loadShellParser();
});

const segment = fc.constantFrom("a", "b", "c");
const path = fc.array(segment, { maxLength: 4 }).map((p) => `/${p.join("/")}`);
/** Stage i is built FROM stage parent[i] (< i) or an external image. */
const graph = fc
  .array(fc.option(fc.nat(), { nil: undefined }), { minLength: 1, maxLength: 5 })
  .map((parents) =>
    parents
      .map((p, i) =>
        p === undefined || i === 0 ? `FROM x AS s${i}\n` : `FROM s${p % i} AS s${i}\n`,
      )
      .join(""),
  );
const ops = fc.array(fc.record({ stage: fc.nat(), path, query: fc.boolean(), key: fc.boolean() }), {
  maxLength: 30,
});

/**
 * The index against the lists it replaced: per stage, the parent's list copied, then `find`
 * with the rules' own predicates (undoes for cleanup-in-later-layer, overlaps for chown).
 */
describe("StagePathIndex", () => {
  it("answers as a find over each stage's inherited list", () => {
    fc.assert(
      fc.property(graph, ops, (text, operations) => {
        const df = parseDockerfile(text, shell);
        const count = df.graph.stages.length;
        const index = new StagePathIndex<number>(df);
        const lists = new Map<number, { path: string | null; id: number }[]>();
        const list = (s: number) => {
          if (!lists.has(s)) {
            const parent = df.graph.stages[s].parent;
            lists.set(s, parent === null ? [] : [...list(parent)]);
          }
          return lists.get(s)!;
        };
        // Stages are walked in order, as the engine walks instructions.
        const sorted = operations
          .map((o, id) => ({ ...o, stage: o.stage % count, id }))
          .sort((a, b) => a.stage - b.stage);
        for (const op of sorted) {
          expect(stageChain(df, op.stage)[0]).toBeGreaterThanOrEqual(0);
          if (op.query && op.key) {
            const want = list(op.stage).find((e) => e.path === null)?.id;
            expect(index.firstWithKey(op.stage, "apt")).toBe(want);
          } else if (op.query) {
            const cleanup = list(op.stage).find(
              (e) =>
                e.path !== null &&
                undoes(
                  { kind: "path", path: op.path, glob: null, what: "" },
                  { kind: "path", path: e.path, glob: null, what: "" },
                ),
            )?.id;
            expect(index.firstOverlapping(op.stage, op.path, false)).toBe(cleanup);
            const chown = list(op.stage).find(
              (e) => e.path !== null && overlaps(op.path, e.path),
            )?.id;
            expect(index.firstOverlapping(op.stage, op.path, true)).toBe(chown);
          } else if (op.key) {
            list(op.stage).push({ path: null, id: op.id });
            index.addKey(op.stage, "apt", op.id);
          } else {
            list(op.stage).push({ path: op.path, id: op.id });
            index.addPath(op.stage, op.path, op.id);
          }
        }
      }),
      { numRuns: 500, seed: 13 },
    );
  });
});
