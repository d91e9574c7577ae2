import { commandsOf, hasFlag, isCall } from "../dockerfile/query.js";
import { hasCacheMount, laterInTree, reachesFinal, removesPath } from "./helpers.js";
import { APK_VALUE_FLAGS, isApkAdd } from "./packages.js";
import { defineRule } from "./rule.js";
import type { Command, Dockerfile, Instruction } from "../dockerfile/model.js";
import type { Fix, TextEdit } from "../fix/edits.js";
import { deleteCommand, insertAfterWord, subcommandWord } from "./fixes.js";

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
      what: "Flags `apk add` without `--no-cache`, and `apk update` (which only fills the index cache), in stages that reach the final image, unless a cache mount covers /var/cache/apk or the same RUN removes it.",
      why: "Without `--no-cache`, apk keeps the package index in /var/cache/apk, dead weight in the layer (docs/guide.md#4-package-installs).",
      example: "FROM alpine:3.20\nRUN apk update && apk add curl\n",
      useInstead: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
      fixSafety:
        "Safe: inserts `--no-cache` after `add`; a separate `apk update` becomes unnecessary.",
    },
  },
  messages: {
    missing: "`apk add` without `--no-cache` keeps the package index in /var/cache/apk",
    update:
      "`apk update` keeps the package index in /var/cache/apk; drop it and use `apk add --no-cache`",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (!reachesFinal(ctx.dockerfile, instr)) return;
        if (hasCacheMount(instr, CACHE) || removesPath(ctx.dockerfile, instr, CACHE)) return;
        const cmds = commandsOf(instr).filter((c) => !hasFlag(c, "--no-cache"));
        const fix = fixFor(ctx.dockerfile, instr, cmds);
        if (cmds.some(isApkAdd)) ctx.report({ instr, messageId: "missing", fix });
        else if (cmds.some((c) => isCall(c, "apk", ["update"], APK_VALUE_FLAGS)))
          ctx.report({ instr, messageId: "update", fix });
      },
    };
  },
});

/** `--no-cache` on every `apk add`, and each `apk update` dropped: `add --no-cache` fetches a fresh index itself. */
function fixFor(df: Dockerfile, instr: Instruction, cmds: Command[]): Fix | undefined {
  const edits: (TextEdit | null)[] = cmds
    .map((c) => {
      if (isApkAdd(c)) {
        const word = subcommandWord(c, APK_VALUE_FLAGS);
        return word && insertAfterWord(df, word, "--no-cache");
      }
      if (!isCall(c, "apk", ["update"], APK_VALUE_FLAGS)) return undefined;
      // A later `apk add` without --no-cache (in a stage this rule does not check) reads this
      // index: then the update must stay, and the finding with it, so no fix at all.
      return laterAddNeedsIndex(df, instr) ? null : deleteCommand(df, instr, c);
    })
    .filter((e) => e !== undefined);
  if (edits.length === 0 || edits.some((e) => e === null)) return undefined;
  return {
    applicability: "safe",
    description: "use `apk add --no-cache`",
    edits: edits as TextEdit[],
  };
}

/** True when a later RUN of this stage or a stage built FROM it runs `apk add` without fetching an index itself. */
function laterAddNeedsIndex(df: Dockerfile, instr: Instruction): boolean {
  return laterInTree(df, instr, "apk-no-cache:needs-index", (later) =>
    later.keyword === "RUN" &&
    !reachesFinal(df, later) &&
    (later.shell?.commands ?? []).some(
      (c) => isApkAdd(c) && !hasFlag(c, "--no-cache", "-U", "--update-cache"),
    )
      ? "hit"
      : null,
  );
}
