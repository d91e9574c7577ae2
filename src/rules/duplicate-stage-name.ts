import { defineRule } from "./rule.js";

export default defineRule({
  id: "duplicate-stage-name",
  meta: {
    severity: "error",
    category: "correctness",
    summary: "two stages with the same name",
    hadolint: ["DL3024"],
    checks: ["DuplicateStageName"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags a `FROM … AS name` whose name (compared case-insensitively) an earlier stage already uses, as Docker's build check DuplicateStageName and hadolint's DL3024 do.",
      why: "`COPY --from=name` and `FROM name` then refer to one of the two, and which one is easy to get wrong; BuildKit rejects the file.",
      example: "FROM node:20 AS build\nRUN npm ci\nFROM node:20 AS build\nRUN npm run build\n",
      useInstead: "FROM node:20 AS deps\nRUN npm ci\nFROM node:20 AS build\nRUN npm run build\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    duplicate:
      "duplicate stage name '{{name}}' (first on line {{line}}); stage names should be unique",
  },
  create(ctx) {
    return {
      end() {
        const seen = new Map<string, number>();
        for (const stage of ctx.dockerfile.graph.stages) {
          if (!stage.name) continue;
          const first = seen.get(stage.name);
          if (first === undefined) seen.set(stage.name, stage.from.line);
          else
            ctx.report({
              instr: stage.from,
              messageId: "duplicate",
              data: { name: stage.name, line: String(first) },
            });
        }
      },
    };
  },
});
