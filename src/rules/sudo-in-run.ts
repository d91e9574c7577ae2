import { commandsOf } from "../dockerfile/query.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "sudo-in-run",
  meta: {
    severity: "warning",
    category: "security",
    summary: "sudo in a RUN",
    hadolint: ["DL3004"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `sudo` (or `doas`) in a RUN, in any stage.",
      why: "Build steps already run as the current USER; switch with `USER root` for the steps that need it. Having sudo in the image lets anything running in it escalate, and its behaviour (TTY, environment) is unpredictable in builds.",
      example: "FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update\n",
      useInstead:
        "FROM ubuntu:24.04\nUSER root\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nUSER app\n",
      fixSafety: "No automatic fix: the USER switch has to be placed by hand.",
    },
  },
  messages: {
    sudo: "do not use `{{tool}}` in RUN; switch with `USER root` for the steps that need it",
  },
  create(ctx) {
    return {
      RUN(instr) {
        const hit = commandsOf(instr).find(
          (c) =>
            c.wrappers.some((w) => w === "sudo" || w === "doas") ||
            c.name === "sudo" ||
            c.name === "doas",
        );
        if (!hit) return;
        const tool = hit.wrappers.find((w) => w === "sudo" || w === "doas") ?? hit.name;
        ctx.report({ instr, messageId: "sudo", data: { tool } });
      },
    };
  },
});
