import type { Instruction } from "../dockerfile/model.js";
import { createdBy, runEffects, undoes, type Artifact } from "./artifacts.js";
import { StagePathIndex } from "./path-index.js";
import { reachesFinal } from "./helpers.js";
import { defineRule } from "./rule.js";
import { moveCleanup } from "./move-cleanup.js";

interface Created {
  artifact: Artifact;
  line: number;
  instr: Instruction;
  /** The creating RUN removed it again itself: a later removal is redundant, not wasted. */
  gone?: boolean;
}

export default defineRule({
  id: "cleanup-in-later-layer",
  meta: {
    severity: "warning",
    category: "size",
    summary: "a RUN deletes what an earlier instruction created; it saves nothing",
    hadolint: [],
    fixable: "unsafe",
    enabledByDefault: true,
    docs: {
      what: "Flags a RUN that removes files, caches or packages that an earlier instruction of the same stage (or a stage it is built FROM) left in its layer (what a RUN removes again itself is not left): `rm`, `apt-get purge/remove/autoremove/clean`, `apk del`, `pip uninstall`, `dnf remove/clean`, `npm/yarn cache clean`. Only stages that reach the final image are checked. A removal of what an earlier RUN already removed itself is reported as redundant (the RUN does nothing).",
      why: "Layers only add: a file deleted in a later layer is hidden by a whiteout but its bytes stay in the earlier layer and are still pulled (docs/guide.md#2-multi-stage-builds, #5-layers: the guide's single-stage image that deletes its build deps in a separate RUN weighs 393 MB; built multi-stage it weighs 165 MB).",
      example:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\nRUN rm -rf /var/lib/apt/lists/*\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc \\\n && rm -rf /var/lib/apt/lists/*\n",
      fixSafety:
        "Unsafe: when the later RUN only cleans up what one earlier RUN made and no RUN runs in between, the cleanup is appended to that RUN with `&&` and the later RUN removed. A command between them that used the files, or a build cache keyed on the old RUN, can behave differently.",
    },
  },
  messages: {
    laterCleanup:
      "`{{removal}}` removes {{what}} created on line {{line}}; in a later layer this saves nothing, do it in the same RUN",
    redundant:
      "`{{removal}}` removes {{what}} that the RUN on line {{line}} already removed; it does nothing",
  },
  create(ctx) {
    const created = new Map<number, Created[]>();
    const forStage = (instr: Instruction): Created[] => {
      let list = created.get(instr.stage);
      if (!list) {
        const parent = instr.stage >= 0 ? ctx.dockerfile.graph.stages[instr.stage]?.parent : null;
        list = parent !== null && parent !== undefined ? [...(created.get(parent) ?? [])] : [];
        created.set(instr.stage, list);
      }
      return list;
    };
    // Plain path removals are looked up in a trie (issue 13 §4); globs and packages scan the list.
    const paths = [
      new StagePathIndex<Created>(ctx.dockerfile),
      new StagePathIndex<Created>(ctx.dockerfile),
    ];
    const push = (list: Created[], entry: Created, stage: number) => {
      list.push(entry);
      if (entry.artifact.kind === "path")
        paths[entry.gone ? 1 : 0].addPath(stage, entry.artifact.path, entry);
    };
    return {
      "*"(instr) {
        if (instr.onbuild || instr.stage < 0) return;
        const list = forStage(instr);
        if (instr.keyword === "RUN" && reachesFinal(ctx.dockerfile, instr)) check(instr, list);
        if (instr.keyword !== "RUN") {
          for (const artifact of createdBy(ctx.dockerfile, instr))
            push(list, { artifact, line: instr.line, instr }, instr.stage);
          return;
        }
        const { survivors, cancelled } = runEffects(ctx.dockerfile, instr);
        for (const artifact of survivors)
          push(list, { artifact, line: instr.line, instr }, instr.stage);
        for (const artifact of cancelled)
          push(list, { artifact, line: instr.line, instr, gone: true }, instr.stage);
      },
    };

    // Only removals of what the RUN did not make itself reach back into earlier layers.
    function check(instr: Instruction, list: Created[]): void {
      const foreign = runEffects(ctx.dockerfile, instr).foreign;
      for (const gone of [false, true]) {
        for (const { removed } of foreign) {
          const hit =
            removed.kind === "path" && !removed.glob
              ? paths[gone ? 1 : 0].firstOverlapping(instr.stage, removed.path, false)
              : list.find((c) => !!c.gone === gone && undoes(removed, c.artifact));
          if (!hit) continue;
          ctx.report({
            instr,
            messageId: gone ? "redundant" : "laterCleanup",
            data: { removal: removed.what, what: hit.artifact.what, line: String(hit.line) },
            fix: moveCleanup(ctx.dockerfile, instr, hit.instr),
          });
          return;
        }
      }
    }
  },
});
