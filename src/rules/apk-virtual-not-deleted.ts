import { commandsOf, isCall, positionals } from "../dockerfile/query.js";
import { reachesFinal } from "./helpers.js";
import { APK_VALUE_FLAGS, apkVirtual, isApkAdd } from "./packages.js";
import { defineRule } from "./rule.js";

/** Runtime virtual packages (`.rundeps`, `.ruby-rundeps`) group what the image needs; they stay by design (issue 17). */
const RUNTIME_VIRTUAL = /(^|[.-])run-?deps$/i;

export default defineRule({
  id: "apk-virtual-not-deleted",
  meta: {
    severity: "warning",
    category: "size",
    summary: "apk add --virtual NAME without apk del NAME in the same RUN",
    hadolint: [],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `apk add --virtual NAME` (or `-t NAME`) when the same RUN does not `apk del NAME`.",
      why: "A virtual package exists to remove build dependencies in one go once the build is done. Deleting it in a later RUN, or never, leaves the build dependencies in the image (docs/guide.md#2-multi-stage-builds, #4-package-installs).",
      example:
        "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && make\n",
      useInstead:
        "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps\n",
      fixSafety: "No automatic fix: where the build ends is a judgement call.",
    },
  },
  messages: {
    notDeleted: "virtual package `{{name}}` is not deleted in the same RUN (`apk del {{name}}`)",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (!reachesFinal(ctx.dockerfile, instr)) return;
        const cmds = commandsOf(instr);
        for (const add of cmds) {
          const name = isApkAdd(add) ? apkVirtual(add) : null;
          if (!name || RUNTIME_VIRTUAL.test(name)) continue;
          const deleted = cmds.some(
            (c) =>
              c.index > add.index &&
              isCall(c, "apk", ["del"], APK_VALUE_FLAGS) &&
              positionals(c, APK_VALUE_FLAGS).includes(name),
          );
          if (!deleted) ctx.report({ instr, messageId: "notDeleted", data: { name } });
        }
      },
    };
  },
});
