import { PREDEFINED_ARGS, variablesIn } from "./buildkit.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "undefined-arg-in-from",
  meta: {
    severity: "warning",
    category: "correctness",
    summary: "FROM uses a variable no ARG before the first FROM declares",
    hadolint: [],
    checks: ["UndefinedArgInFrom"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags a `$VAR` in a FROM line that no `ARG` before the first FROM declares (BuildKit's automatic platform ARGs aside), as Docker's build check UndefinedArgInFrom does.",
      why: "FROM only sees the ARGs declared above the first FROM. An undeclared one expands to nothing, so `FROM node:${NODE_VERSION}` silently becomes `FROM node:` or fails.",
      example: "FROM node:${NODE_VERSION}-slim\n",
      useInstead: "ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-slim\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    undefinedArg:
      "FROM argument '{{name}}' is not declared; add `ARG {{name}}` before the first FROM",
  },
  create(ctx) {
    const global = ctx.dockerfile.globalArgs;
    return {
      FROM(instr) {
        if (instr.onbuild) return;
        const text = [...instr.flags.map((f) => f.value ?? ""), ...instr.args.slice(0, 1)].join(
          " ",
        );
        for (const name of new Set(variablesIn(text))) {
          if (!(name in global) && !PREDEFINED_ARGS.has(name))
            ctx.report({ instr, messageId: "undefinedArg", data: { name } });
        }
      },
    };
  },
});
