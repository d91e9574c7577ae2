import { KNOWN_INSTRUCTIONS } from "../dockerfile/instructions.js";
import { defineRule } from "./rule.js";

const KNOWN = KNOWN_INSTRUCTIONS;

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
      what: "Reports what the builder would reject: unknown instructions, heredocs that reach the end of the file without their closing delimiter, instructions other than ARG before the first FROM, and files with no FROM at all (or that do not look like a Dockerfile).",
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
          for (const h of instr.heredocs) {
            if (!h.terminated)
              ctx.report({ instr, messageId: "unterminatedHeredoc", data: { name: h.name } });
          }
        }
      },
    };
  },
});
