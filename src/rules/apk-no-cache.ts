import { commandsOf, hasFlag } from "../dockerfile/query.js";
import { hasCacheMount, reachesFinal, removesPath } from "./helpers.js";
import { isApkAdd } from "./packages.js";
import { defineRule } from "./rule.js";

const CACHE = ["/var/cache/apk", "/etc/apk/cache"];

export default defineRule({
  id: "apk-no-cache",
  meta: {
    severity: "warning",
    category: "size",
    summary: "apk add without --no-cache",
    hadolint: ["DL3019"],
    fixable: "safe",
    enabledByDefault: true,
    docs: {
      what: "Flags `apk add` without `--no-cache` in stages that reach the final image, unless a cache mount covers /var/cache/apk or the same RUN removes it.",
      why: "Without `--no-cache`, apk keeps the package index in /var/cache/apk, dead weight in the layer (GUIDE.md §4).",
      example: "FROM alpine:3.20\nRUN apk update && apk add curl\n",
      useInstead: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
      fixSafety:
        "Safe: inserts `--no-cache` after `add`; a separate `apk update` becomes unnecessary.",
    },
  },
  messages: {
    missing: "`apk add` without `--no-cache` keeps the package index in /var/cache/apk",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (!reachesFinal(ctx.dockerfile, instr)) return;
        if (hasCacheMount(instr, CACHE) || removesPath(ctx.dockerfile, instr, CACHE)) return;
        if (commandsOf(instr).some((c) => isApkAdd(c) && !hasFlag(c, "--no-cache"))) {
          ctx.report({ instr, messageId: "missing" });
        }
      },
    };
  },
});
