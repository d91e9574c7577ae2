import { commandsOf, flagValues, hasFlag } from "../dockerfile/query.js";
import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import { lastBefore, reachesFinal } from "./helpers.js";
import type { TextEdit } from "../fix/edits.js";
import { insertAfterWord, subcommandWord } from "./fixes.js";
import { APT_VALUE_FLAGS, isAptInstall } from "./packages.js";
import { defineRule } from "./rule.js";

const CONFIG_OFF = /APT::Install-Recommends\s*[= ]\s*"?(false|0|no)"?/i;

/** A stage may turn recommends off once in apt.conf (`echo 'APT::Install-Recommends "false";' > …`). */
function disabledInConfig(df: Dockerfile, instr: Instruction): boolean {
  const turnsOff = (i: Instruction) => i.keyword === "RUN" && CONFIG_OFF.test(i.shell?.text ?? "");
  return lastBefore(df, instr, "apt-no-install-recommends:config", turnsOff) !== null;
}

export default defineRule({
  id: "apt-no-install-recommends",
  meta: {
    severity: "warning",
    category: "size",
    summary: "apt-get install without --no-install-recommends",
    hadolint: ["DL3015"],
    fixable: "safe",
    enabledByDefault: true,
    docs: {
      what: "Flags `apt-get install` (and `apt install`) without `--no-install-recommends` or `-o APT::Install-Recommends=false`, in stages that reach the final image.",
      why: "apt installs recommended packages by default. They are rarely needed in a container and often add tens of megabytes (docs/guide.md#4-package-installs).",
      example:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      fixSafety:
        "Safe: inserts `--no-install-recommends` after `install`. A program that relied on a recommended package may need it listed explicitly.",
    },
  },
  messages: {
    missing:
      "`{{command}} install` without `--no-install-recommends` pulls in recommended packages",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (!reachesFinal(ctx.dockerfile, instr)) return;
        const missing = commandsOf(instr).filter(
          (cmd) =>
            isAptInstall(cmd) &&
            !hasFlag(cmd, "--no-install-recommends") &&
            !flagValues(cmd, "-o", "--option").some((v) => CONFIG_OFF.test(v.replace("=", " = "))),
        );
        if (missing.length === 0 || disabledInConfig(ctx.dockerfile, instr)) return;
        // One fix for every install of the RUN, so a second pass has nothing left to do.
        const edits = missing
          .map((cmd) => {
            const word = subcommandWord(cmd, APT_VALUE_FLAGS);
            return word && insertAfterWord(ctx.dockerfile, word, "--no-install-recommends");
          })
          .filter((e): e is TextEdit => e !== null);
        const fix =
          edits.length === missing.length
            ? { applicability: "safe" as const, description: "add --no-install-recommends", edits }
            : undefined;
        ctx.report({ instr, messageId: "missing", data: { command: missing[0].name }, fix });
      },
    };
  },
});
