import type { Instruction } from "../dockerfile/model.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "legacy-key-value-format",
  meta: {
    severity: "style",
    category: "correctness",
    summary: "ENV/LABEL key value without =",
    hadolint: [],
    checks: ["LegacyKeyValueFormat"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `ENV key value` and `LABEL key value` (the legacy space-separated form), as Docker's build check LegacyKeyValueFormat does.",
      why: "The legacy form sets one variable whose value is the rest of the line, spaces included: `ENV A 1 B 2` sets A to `1 B 2`. The `key=value` form says what it means and allows several pairs.",
      example: "FROM debian:bookworm-slim\nENV LANG C.UTF-8\n",
      useInstead: "FROM debian:bookworm-slim\nENV LANG=C.UTF-8\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    legacy:
      '"{{keyword}} key=value" should be used instead of legacy "{{keyword}} key value" format',
  },
  create(ctx) {
    const visit = (instr: Instruction) => {
      if (instr.args.length >= 2 && !instr.args[0].includes("="))
        ctx.report({ instr, messageId: "legacy", data: { keyword: instr.keyword } });
    };
    return { ENV: visit, LABEL: visit };
  },
});
