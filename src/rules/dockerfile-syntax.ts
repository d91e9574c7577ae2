import { KNOWN_INSTRUCTIONS } from "../dockerfile/instructions.js";
import type { Instruction } from "../dockerfile/model.js";
import { defineRule } from "./rule.js";

const KNOWN = KNOWN_INSTRUCTIONS;
/** Instructions the builder rejects without an argument (`FROM` with no image, `USER` alone; issue 17). */
const NEEDS_ARGUMENT = new Set([
  "FROM",
  "USER",
  "WORKDIR",
  "ENV",
  "ARG",
  "LABEL",
  "EXPOSE",
  "VOLUME",
  "STOPSIGNAL",
  "MAINTAINER",
  "SHELL",
  "ONBUILD",
  "COPY",
  "ADD",
]);

function hasArgument(instr: Instruction): boolean {
  return instr.args.length > 0 || (instr.json?.length ?? 0) > 0 || instr.heredocs.length > 0;
}

export default defineRule({
  id: "dockerfile-syntax",
  meta: {
    severity: "error",
    category: "correctness",
    summary:
      "input that is not a valid Dockerfile (unknown instruction, unterminated heredoc, no FROM)",
    hadolint: [],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Reports what the builder would reject: unknown instructions, heredocs that reach the end of the file without their closing delimiter, instructions other than ARG before the first FROM, instructions that need an argument and have none (`FROM` with no image, `USER` alone), and files with no FROM at all (or that do not look like a Dockerfile).",
      why: "The build would fail on them, and the other rules can only guess at what the file means.",
      example: "FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\n",
      useInstead: "FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\nEOF\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    unknownInstruction: "unknown instruction `{{keyword}}`",
    unterminatedHeredoc:
      "heredoc `<<{{name}}` is not terminated: no line `{{name}}` before the end of the file",
    beforeFrom: "`{{keyword}}` before the first FROM; only ARG may come first",
    noFrom: "no FROM instruction",
    missingArgument: "`{{keyword}}` needs an argument; the builder rejects it",
    notDockerfile: "this does not look like a Dockerfile (no FROM, {{detail}})",
  },
  create(ctx) {
    return {
      end() {
        const { instructions } = ctx.dockerfile;
        const unknown = instructions.filter((i) => !KNOWN.has(i.keyword));
        if (!instructions.some((i) => i.keyword === "FROM" && !i.onbuild)) {
          if (instructions.length === 0 || unknown.length * 2 >= instructions.length) {
            const detail =
              instructions.length === 0
                ? "no instructions"
                : `${unknown.length} of ${instructions.length} lines are not instructions`;
            ctx.report({
              line: instructions[0]?.line ?? 1,
              messageId: "notDockerfile",
              data: { detail },
            });
            return;
          }
          ctx.report({ line: instructions[0].line, messageId: "noFrom" });
        }
        for (const instr of instructions) {
          if (!KNOWN.has(instr.keyword))
            ctx.report({
              instr,
              messageId: "unknownInstruction",
              data: { keyword: instr.keyword },
            });
          else if (
            instr.stage < 0 &&
            instr.keyword !== "ARG" &&
            !instr.onbuild &&
            instr.keyword !== "FROM"
          ) {
            ctx.report({ instr, messageId: "beforeFrom", data: { keyword: instr.keyword } });
          }
          if (NEEDS_ARGUMENT.has(instr.keyword) && !hasArgument(instr))
            ctx.report({ instr, messageId: "missingArgument", data: { keyword: instr.keyword } });
          for (const h of instr.heredocs) {
            if (!h.terminated)
              ctx.report({ instr, messageId: "unterminatedHeredoc", data: { name: h.name } });
          }
        }
      },
    };
  },
});
