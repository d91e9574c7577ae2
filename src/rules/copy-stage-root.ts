import { isWholeRootCopy } from "../dockerfile/stages.js";
import { flagValue, reachesFinal } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "copy-stage-root",
  meta: {
    severity: "info",
    category: "size",
    summary: "COPY --from=stage / / copies a whole stage",
    hadolint: ["DL3067"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `COPY --from=stage / /`, which copies the stage's entire filesystem into the image. ballast then treats that stage as part of the final image for every other rule.",
      why: "The point of a builder stage is to copy only its result. Copying its root brings its toolchain, caches and package lists along, undoing the multi-stage saving (docs/guide.md#2-multi-stage-builds).",
      example:
        "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\nFROM scratch\nCOPY --from=build / /\n",
      useInstead:
        "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\nFROM scratch\nCOPY --from=build /out/app /app\n",
      fixSafety:
        "No automatic fix: which paths the program needs is not knowable from the Dockerfile.",
    },
  },
  messages: {
    wholeStage: "copies the whole filesystem of `{{stage}}`; copy only the paths the image needs",
  },
  create(ctx) {
    return {
      COPY(instr) {
        // A builder stage's copy never ships (issue 17).
        if (isWholeRootCopy(instr) && reachesFinal(ctx.dockerfile, instr))
          ctx.report({
            instr,
            messageId: "wholeStage",
            data: { stage: flagValue(instr, "from") ?? "" },
          });
      },
    };
  },
});
