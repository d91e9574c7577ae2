import { commandsOf, hasFlag } from "../dockerfile/query.js";
import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import { envValue, exportsVar, hasCacheMount, lastBefore, reachesFinal } from "./helpers.js";
import { PIP_VALUE_FLAGS, isPipInstall } from "./packages.js";
import type { TextEdit } from "../fix/edits.js";
import { insertAfterWord, subcommandWord } from "./fixes.js";
import { defineRule } from "./rule.js";

const CACHE = ["/root/.cache/pip"];
/** `pip config set global.no-cache-dir …` or a pip.conf written with `no-cache-dir = …`. */
const CONFIGURED = /pip[0-9.]* config (--\S+ )*set \S*no-cache-dir|no-cache-dir\s*=/;

/** True when the env, the command line or an earlier pip configuration turns the cache off. */
function cacheDisabled(df: Dockerfile, instr: Instruction): boolean {
  if (envValue(df, instr, "PIP_NO_CACHE_DIR") !== undefined) return true;
  if (exportsVar(instr, "PIP_NO_CACHE_DIR")) return true;
  const configured = (i: Instruction) =>
    i.keyword === "RUN" && CONFIGURED.test(i.shell?.text ?? "");
  return lastBefore(df, instr, "pip-no-cache-dir:configured", configured) !== null;
}

export default defineRule({
  id: "pip-no-cache-dir",
  meta: {
    severity: "warning",
    category: "size",
    summary: "pip install without --no-cache-dir",
    hadolint: ["DL3042"],
    fixable: "safe",
    enabledByDefault: true,
    docs: {
      what: "Flags `pip install` (pip, pip3, pip3.12, `python -m pip`) without `--no-cache-dir` in stages that reach the final image. `PIP_NO_CACHE_DIR` set by ENV/ARG in the stage or its ancestors or on the command, `pip config set global.no-cache-dir` in an earlier RUN, or a cache mount on /root/.cache/pip satisfy it.",
      why: "pip keeps downloaded wheels in ~/.cache/pip; in an image that is dead weight, often as large as the installed packages (docs/guide.md#4-package-installs).",
      example: "FROM python:3.12-slim\nRUN pip install flask\n",
      useInstead: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
      fixSafety: "Safe: inserts `--no-cache-dir` after `install`.",
    },
  },
  messages: {
    missing: "`pip install` without `--no-cache-dir` keeps the wheel cache in the layer",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (!reachesFinal(ctx.dockerfile, instr) || hasCacheMount(instr, CACHE)) return;
        if (cacheDisabled(ctx.dockerfile, instr)) return;
        const bad = commandsOf(instr).filter(
          (c) => isPipInstall(c) && !hasFlag(c, "--no-cache-dir") && !("PIP_NO_CACHE_DIR" in c.env),
        );
        if (bad.length === 0) return;
        const edits = bad
          .map((c) => {
            const word = subcommandWord(c, PIP_VALUE_FLAGS);
            return word && insertAfterWord(ctx.dockerfile, word, "--no-cache-dir");
          })
          .filter((e): e is TextEdit => e !== null);
        const fix =
          edits.length === bad.length
            ? { applicability: "safe" as const, description: "add --no-cache-dir", edits }
            : undefined;
        ctx.report({ instr, messageId: "missing", fix });
      },
    };
  },
});
