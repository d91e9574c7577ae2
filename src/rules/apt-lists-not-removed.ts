import { commandsOf, isCall } from "../dockerfile/query.js";
import { hasCacheMount, laterInTree, reachesFinal, removesPath } from "./helpers.js";
import { APT, APT_UPDATERS, APT_VALUE_FLAGS, isAptInstall } from "./packages.js";
import { defineRule } from "./rule.js";
import { appendCommand } from "./fixes.js";
import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import type { Fix } from "../fix/edits.js";

const LISTS = "/var/lib/apt/lists";

export default defineRule({
  id: "apt-lists-not-removed",
  meta: {
    severity: "warning",
    category: "size",
    summary: "apt-get update without removing /var/lib/apt/lists/* in the same RUN",
    hadolint: ["DL3009"],
    fixable: "safe",
    enabledByDefault: true,
    docs: {
      what: "Flags a RUN that runs `apt-get update` (or `apt update`) but does not `rm -rf /var/lib/apt/lists/*` in the same RUN, unless a BuildKit cache or tmpfs mount covers the lists.",
      why: "The package lists weigh 30–50 MB. Deleting them in a later RUN saves nothing: the bytes stay in the layer that downloaded them (docs/guide.md#4-package-installs, #5-layers).",
      example:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
      fixSafety:
        "Safe: appends `&& rm -rf /var/lib/apt/lists/*` to the RUN, preceded by `apt-get clean` when the RUN also installs (not every base image cleans downloaded .debs itself). No fix is offered while a later RUN still needs the lists (an install without its own `apt-get update`); merging the RUNs (consecutive-run, unsafe) comes first.",
    },
  },
  messages: {
    notRemoved:
      "`{{command}} update` leaves /var/lib/apt/lists in this layer; add `rm -rf /var/lib/apt/lists/*` to the same RUN",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (!reachesFinal(ctx.dockerfile, instr)) return;
        const update = commandsOf(instr).find((c) =>
          isCall(c, APT_UPDATERS, ["update"], APT_VALUE_FLAGS),
        );
        if (!update) return;
        const distClean = commandsOf(instr).some(
          (c) => c.index > update.index && isCall(c, APT, ["dist-clean"], APT_VALUE_FLAGS),
        );
        if (distClean || removesPath(ctx.dockerfile, instr, [LISTS], update)) return;
        if (hasCacheMount(instr, [LISTS])) return;
        ctx.report({
          instr,
          messageId: "notRemoved",
          data: { command: update.name },
          fix: fixFor(ctx.dockerfile, instr),
        });
      },
    };
  },
});

/**
 * Appends the removal to the RUN; when it also installs, `apt-get clean` too, since images
 * without Debian's docker-clean hook (debootstrap, ubuntu-based, custom) keep the .debs.
 */
function fixFor(df: Dockerfile, instr: Instruction): Fix | undefined {
  if (laterRunNeedsLists(df, instr)) return undefined;
  const cmds = instr.shell?.commands ?? [];
  const installs = cmds.some(isAptInstall);
  const cleans = cmds.some((c) => isCall(c, ["apt-get", "apt"], ["clean"], APT_VALUE_FLAGS));
  const command = `${installs && !cleans ? "apt-get clean && " : ""}rm -rf ${LISTS}/*`;
  const edit = appendCommand(df, instr, command);
  return edit
    ? { applicability: "safe", description: `append \`&& ${command}\``, edits: [edit] }
    : undefined;
}

const NEEDS_LISTS = [
  "install",
  "upgrade",
  "dist-upgrade",
  "full-upgrade",
  "build-dep",
  "source",
  "download",
  "satisfy",
];

/**
 * True when a later RUN of this stage, or of a stage built FROM it, runs apt without its own
 * `apt-get update` first: removing the lists here would break that RUN, so the fix is left to
 * a merge of the RUNs (consecutive-run) rather than offered as safe.
 */
function laterRunNeedsLists(df: Dockerfile, instr: Instruction): boolean {
  return laterInTree(df, instr, "apt-lists-not-removed:needs-lists", (later) => {
    if (later.keyword !== "RUN") return null;
    for (const c of later.shell?.commands ?? []) {
      // From a fresh update on, the lists are that RUN's own again.
      if (isCall(c, APT_UPDATERS, ["update"], APT_VALUE_FLAGS)) return "stop";
      if (isCall(c, APT_UPDATERS, NEEDS_LISTS, APT_VALUE_FLAGS)) return "hit";
    }
    return null;
  });
}
