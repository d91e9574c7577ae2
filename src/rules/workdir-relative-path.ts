import { stageChain } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "workdir-relative-path",
  meta: {
    severity: "warning",
    category: "correctness",
    summary: "relative WORKDIR with no absolute WORKDIR before it",
    hadolint: ["DL3000"],
    checks: ["WorkdirRelativePath"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags a relative `WORKDIR` when no absolute WORKDIR comes before it in the stage (or the stages it is built FROM), as Docker's build check WorkdirRelativePath and hadolint's DL3000 do.",
      why: "A relative WORKDIR resolves against the base image's working directory, which the Dockerfile does not show and which changes when the base image does.",
      example: "FROM node:20-slim\nWORKDIR app\n",
      useInstead: "FROM node:20-slim\nWORKDIR /app\n",
      fixSafety: "No automatic fix: the intended absolute path is not knowable.",
    },
  },
  messages: {
    relative:
      "relative workdir `{{path}}` can have unexpected results if the base image changes; make it absolute",
  },
  create(ctx) {
    const absolute = new Set<number>();
    return {
      WORKDIR(instr) {
        const path = instr.args[0];
        if (!path || instr.stage < 0 || instr.onbuild) return;
        // A variable may hold an absolute path (`WORKDIR $HOME`); only literal relative paths count.
        if (path.startsWith("/") || path.startsWith("$") || /^[A-Za-z]:[\\/]/.test(path)) {
          absolute.add(instr.stage);
          return;
        }
        if (stageChain(ctx.dockerfile, instr.stage).some((s) => absolute.has(s))) return;
        ctx.report({ instr, messageId: "relative", data: { path } });
      },
    };
  },
});
