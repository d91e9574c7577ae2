import { defineRule } from "./rule.js";

export default defineRule({
  id: "maintainer-deprecated",
  meta: {
    severity: "style",
    category: "correctness",
    summary: "MAINTAINER is deprecated",
    hadolint: ["DL4000"],
    checks: ["MaintainerDeprecated"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags the `MAINTAINER` instruction, as Docker's build check MaintainerDeprecated and hadolint's DL4000 do.",
      why: "MAINTAINER is deprecated; tools read the author from the `org.opencontainers.image.authors` label.",
      example: "FROM debian:bookworm-slim\nMAINTAINER ops@example.com\n",
      useInstead:
        'FROM debian:bookworm-slim\nLABEL org.opencontainers.image.authors="ops@example.com"\n',
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    deprecated: "MAINTAINER is deprecated; use `LABEL org.opencontainers.image.authors=…`",
  },
  create(ctx) {
    return { MAINTAINER: (instr) => ctx.report({ instr, messageId: "deprecated" }) };
  },
});
