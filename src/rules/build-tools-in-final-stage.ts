import { reachesFinal } from "./helpers.js";
import { defineRule } from "./rule.js";
import { keptToolchain } from "./toolchain.js";

export default defineRule({
  id: "build-tools-in-final-stage",
  meta: {
    severity: "warning",
    category: "size",
    summary: "multi-stage Dockerfile whose final image still installs or runs toolchains",
    hadolint: [],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "In a multi-stage Dockerfile, flags RUNs in the final stage (or the stages it is built FROM or copies whole) that install compilers, `*-dev` packages or build tools and keep them, or run builds.",
      why: "The point of the builder stage is that the toolchain stays there; one that also lands in the final image cancels most of the saving (docs/guide.md#2-multi-stage-builds).",
      example:
        "FROM python:3.12-slim AS build\nRUN pip wheel --no-cache-dir -w /wheels flask\n\nFROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /wheels /wheels\n",
      useInstead:
        "FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\nRUN pip wheel --no-cache-dir -w /wheels flask\n\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    toolsInFinal: "the final image {{what}}; move it to the builder stage",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (ctx.dockerfile.graph.stages.length < 2 || !reachesFinal(ctx.dockerfile, instr)) return;
        const what = keptToolchain(instr);
        if (what) ctx.report({ instr, messageId: "toolsInFinal", data: { what } });
      },
    };
  },
});
