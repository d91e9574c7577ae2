import type { Instruction } from "../dockerfile/model.js";
import { reachesFinal } from "./helpers.js";
import { defineRule } from "./rule.js";
import { mergeRuns } from "./merge-runs.js";

/** RUN flags (`--mount`, `--network`, `--security`) as a comparable key. */
function flagKey(instr: Instruction): string {
  return instr.flags
    .map((f) => `${f.name}=${f.value ?? ""}`)
    .sort()
    .join(" ");
}

/**
 * hadolint's DL3059 exempts RUNs of more than two commands: whoever chains commands chose to
 * split the layers on purpose (issue 17).
 */
function chained(instr: Instruction): boolean {
  return (instr.shell?.commands.length ?? 0) > 2;
}

export default defineRule({
  id: "consecutive-run",
  meta: {
    severity: "info",
    category: "size",
    summary: "consecutive RUN instructions that can be one layer",
    hadolint: ["DL3059"],
    fixable: "unsafe",
    enabledByDefault: true,
    docs: {
      what: "Flags a RUN that directly follows another RUN with the same flags, in stages that reach the final image. Builder stages are not flagged: their layers never ship. As in hadolint, a RUN of more than two commands (on either side) is not flagged: chaining them shows the split is deliberate.",
      why: "Every RUN makes a layer. Chaining commands with `&&` lets a cleanup at the end of the RUN actually remove bytes, and keeps the image smaller and faster to pull (docs/guide.md#5-layers).",
      example:
        "FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
      fixSafety:
        "Unsafe: merging changes build caching and, with exec-form or heredoc RUNs, semantics.",
    },
  },
  messages: {
    consecutive:
      "RUN directly after the RUN on line {{previous}}; chain them into one layer with `&&`",
  },
  create(ctx) {
    let previous: Instruction | null = null;
    return {
      "*"(instr) {
        if (instr.onbuild) return;
        const prev = previous;
        previous = instr.keyword === "RUN" ? instr : null;
        if (!prev || instr.keyword !== "RUN" || prev.stage !== instr.stage) return;
        if (!reachesFinal(ctx.dockerfile, instr) || flagKey(prev) !== flagKey(instr)) return;
        if (chained(prev) || chained(instr)) return;
        ctx.report({
          instr,
          messageId: "consecutive",
          data: { previous: String(prev.line) },
          fix: mergeRuns(ctx.dockerfile, prev, instr),
        });
      },
    };
  },
});
