import type { Instruction } from "../dockerfile/model.js";
import { stageChain } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "json-args-recommended",
  meta: {
    severity: "warning",
    category: "correctness",
    summary: "CMD/ENTRYPOINT in shell form: the program does not get signals",
    hadolint: [],
    checks: ["JSONArgsRecommended"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `CMD` and `ENTRYPOINT` written in shell form (`CMD node server.js`) rather than JSON (exec) form, as Docker's build check JSONArgsRecommended does. A stage that sets its own `SHELL` is exempt: it chose the shell on purpose.",
      why: "In shell form the container's PID 1 is `/bin/sh -c`, which does not forward SIGTERM: `docker stop` waits out its timeout and then kills the program without a clean shutdown.",
      example: "FROM node:20-slim\nCMD node server.js\n",
      useInstead: 'FROM node:20-slim\nCMD ["node", "server.js"]\n',
      fixSafety:
        "No automatic fix: splitting a shell command into JSON words can change its meaning (variables, pipes).",
    },
  },
  messages: {
    shellForm:
      "JSON arguments recommended for {{keyword}} to prevent unintended behavior related to OS signals",
  },
  create(ctx) {
    const hasShell = (stage: number) =>
      stageChain(ctx.dockerfile, stage).some((s) =>
        ctx.dockerfile.graph.stages[s].instructions.some((i) => i.keyword === "SHELL"),
      );
    const visit = (instr: Instruction) => {
      if (instr.json !== null || instr.args.length === 0 || instr.stage < 0) return;
      if (hasShell(instr.stage)) return;
      ctx.report({ instr, messageId: "shellForm", data: { keyword: instr.keyword } });
    };
    return { CMD: visit, ENTRYPOINT: visit };
  },
});
