import { rawText, stageNameAsWritten } from "./buildkit.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "from-as-casing",
  meta: {
    severity: "style",
    category: "correctness",
    summary: "the AS keyword's case differs from FROM's",
    hadolint: [],
    checks: ["FromAsCasing"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `FROM image as name` when `FROM` is upper case (or `from … AS …` when it is lower case), as Docker's build check FromAsCasing does.",
      why: "Mixed casing reads as a mistake and makes the stage names harder to find with a search; Docker reports it on every build.",
      example: "FROM golang:1.22 as build\nFROM scratch\nCOPY --from=build /out /out\n",
      useInstead: "FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /out /out\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    mismatch: "'{{as}}' and '{{from}}' keywords' casing do not match",
  },
  create(ctx) {
    return {
      FROM(instr) {
        const named = stageNameAsWritten(instr);
        if (!named) return;
        const from = rawText(ctx.dockerfile, instr).slice(0, 4);
        const upper = from === from.toUpperCase();
        const asUpper = named.as === named.as.toUpperCase();
        const lower = from === from.toLowerCase();
        const asLower = named.as === named.as.toLowerCase();
        if ((upper && !asUpper) || (lower && !asLower))
          ctx.report({ instr, messageId: "mismatch", data: { as: named.as, from } });
      },
    };
  },
});
