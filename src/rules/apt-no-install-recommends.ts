import { commandsOf, flagValues, hasFlag } from "../dockerfile/query.js";
import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import { precedingInChain, reachesFinal } from "./helpers.js";
import { isAptInstall } from "./packages.js";
import { defineRule } from "./rule.js";

const CONFIG_OFF = /APT::Install-Recommends\s*[= ]\s*"?(false|0|no)"?/i;

/** A stage may turn recommends off once in apt.conf (`echo 'APT::Install-Recommends "false";' > …`). */
function disabledInConfig(df: Dockerfile, instr: Instruction): boolean {
  return precedingInChain(df, instr).some(
    (i) => i.keyword === "RUN" && CONFIG_OFF.test(i.shell?.text ?? ""),
  );
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
      why: "apt installs recommended packages by default. They are rarely needed in a container and often add tens of megabytes (GUIDE.md §4).",
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
        for (const cmd of commandsOf(instr)) {
          if (!isAptInstall(cmd) || hasFlag(cmd, "--no-install-recommends")) continue;
          if (flagValues(cmd, "-o", "--option").some((v) => CONFIG_OFF.test(v.replace("=", " = "))))
            continue;
          if (disabledInConfig(ctx.dockerfile, instr)) continue;
          ctx.report({ instr, messageId: "missing", data: { command: cmd.name } });
          return;
        }
      },
    };
  },
});
