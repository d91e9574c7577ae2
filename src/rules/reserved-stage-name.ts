import { defineRule } from "./rule.js";

/** Names BuildKit gives a meaning of its own (`FROM scratch`, the `context` of `--build-context`). */
const RESERVED = new Set(["scratch", "context"]);

export default defineRule({
  id: "reserved-stage-name",
  meta: {
    severity: "warning",
    category: "correctness",
    summary: "a stage named scratch or context",
    hadolint: [],
    checks: ["ReservedStageName"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `FROM … AS scratch` and `FROM … AS context`, as Docker's build check ReservedStageName does.",
      why: "`scratch` already means the empty image and `context` the build context; a stage with either name cannot be referred to the way the author expects.",
      example: "FROM alpine:3.20 AS scratch\nRUN echo hi > /x\n",
      useInstead: "FROM alpine:3.20 AS base\nRUN echo hi > /x\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    reserved: "'{{name}}' is reserved and should not be used as a stage name",
  },
  create(ctx) {
    return {
      end() {
        for (const stage of ctx.dockerfile.graph.stages) {
          if (stage.name && RESERVED.has(stage.name))
            ctx.report({ instr: stage.from, messageId: "reserved", data: { name: stage.name } });
        }
      },
    };
  },
});
