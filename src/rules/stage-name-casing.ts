import { stageNameAsWritten } from "./buildkit.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "stage-name-casing",
  meta: {
    severity: "style",
    category: "correctness",
    summary: "a stage name with upper-case letters",
    hadolint: [],
    checks: ["StageNameCasing"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `FROM … AS Name` with upper-case letters in the stage name, as Docker's build check StageNameCasing does.",
      why: "Stage names are case-insensitive (`COPY --from=build` finds `AS Build`), so mixed case only hides that two spellings are the same stage.",
      example: "FROM golang:1.22 AS Build\nFROM scratch\nCOPY --from=Build /out /out\n",
      useInstead: "FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /out /out\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    notLower: "stage name '{{name}}' should be lowercase",
  },
  create(ctx) {
    return {
      FROM(instr) {
        const named = stageNameAsWritten(instr);
        if (named && named.name !== named.name.toLowerCase() && !named.name.includes("$"))
          ctx.report({ instr, messageId: "notLower", data: { name: named.name } });
      },
    };
  },
});
