import { defineRule } from "./rule.js";

export default defineRule({
  id: "unpinned-base-image",
  meta: {
    severity: "warning",
    category: "security",
    summary: "FROM image with no tag or :latest, and no digest",
    hadolint: ["DL3006", "DL3007"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `FROM image` with no tag (DL3006) or the `latest` tag (DL3007) and no `@sha256:` digest. `scratch`, earlier stages and unresolved variables are skipped.",
      why: "An untagged base changes under you: builds stop being reproducible and a new major version arrives unannounced.",
      example: "FROM python\n",
      useInstead: "FROM python:3.12-slim\n",
      fixSafety: "No automatic fix: the right tag is the one you tested.",
    },
  },
  messages: {
    noTag: "`{{image}}` has no tag; pin a version (`{{image}}:<version>`) or a digest",
    latest: "`{{image}}` uses `latest`; pin a version or a digest",
  },
  create(ctx) {
    return {
      FROM(instr) {
        const stage = ctx.dockerfile.graph.stages[instr.stage];
        if (stage?.from !== instr || stage.parent !== null) return;
        const { image } = stage;
        if (image.dynamic || image.digest || image.name === "scratch" || image.raw === "") return;
        if (image.tag === null)
          ctx.report({ instr, messageId: "noTag", data: { image: image.raw }, hadolint: "DL3006" });
        else if (image.tag === "latest")
          ctx.report({
            instr,
            messageId: "latest",
            data: { image: image.raw },
            hadolint: "DL3007",
          });
      },
    };
  },
});
