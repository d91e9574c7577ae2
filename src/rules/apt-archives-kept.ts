import type { Instruction } from "../dockerfile/model.js";
import { commandsOf, isCall } from "../dockerfile/query.js";
import { hasCacheMount, reachesFinal, removesPath } from "./helpers.js";
import { APT, APT_VALUE_FLAGS, isAptInstall } from "./packages.js";
import { appendCommand } from "./fixes.js";
import { defineRule } from "./rule.js";

const DOCKER_CLEAN = "/etc/apt/apt.conf.d/docker-clean";
const ARCHIVES = ["/var/cache/apt", "/var/cache/apt/archives"];

export default defineRule({
  id: "apt-archives-kept",
  meta: {
    severity: "warning",
    category: "size",
    summary:
      "apt-get install keeps its .deb files: docker-clean was removed and no cache mount covers /var/cache/apt",
    hadolint: [],
    fixable: "safe",
    enabledByDefault: true,
    docs: {
      what: "Flags an `apt-get install` in a stage that reaches the final image when an earlier RUN of the stage (or a stage it is built FROM) removed `/etc/apt/apt.conf.d/docker-clean`, the RUN has no cache mount on `/var/cache/apt`, and it does not run `apt-get clean` (or remove the archives) after the install.",
      why: "Debian's and Ubuntu's images ship docker-clean so that apt deletes downloaded .deb files after each install. Removing it is the first step of BuildKit's apt cache-mount recipe; a later install without the mount then leaves every .deb in the layer, often as much again as the packages themselves (docs/guide.md#5-layers).",
      example:
        "FROM debian:bookworm-slim\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      fixSafety:
        "Safe: `apt-get clean` is appended to the RUN; it only deletes downloaded archives.",
    },
  },
  messages: {
    kept: "`.deb` files stay in /var/cache/apt/archives: docker-clean was removed on line {{line}} and no cache mount covers /var/cache/apt; add `apt-get clean` or a cache mount",
  },
  create(ctx) {
    // Stage index → line of the RUN that removed docker-clean there (inherited by stages built FROM it).
    const removedAt = new Map<number, number>();
    const lineFor = (stage: number): number | undefined => {
      if (!removedAt.has(stage)) {
        const parent = ctx.dockerfile.graph.stages[stage]?.parent;
        if (parent !== null && parent !== undefined && removedAt.has(parent))
          removedAt.set(stage, removedAt.get(parent)!);
      }
      return removedAt.get(stage);
    };
    return {
      RUN(instr) {
        if (instr.stage < 0 || instr.onbuild) return;
        const since = lineFor(instr.stage);
        if (since !== undefined && reachesFinal(ctx.dockerfile, instr)) check(instr, since);
        if (since === undefined && removesPath(ctx.dockerfile, instr, [DOCKER_CLEAN]))
          removedAt.set(instr.stage, instr.line);
      },
    };

    function check(instr: Instruction, since: number): void {
      const cmds = commandsOf(instr);
      const install = cmds.find(isAptInstall);
      if (!install || hasCacheMount(instr, ARCHIVES)) return;
      const cleaned = cmds.some(
        (c) =>
          c.index > install.index &&
          isCall(c, APT, ["clean", "dist-clean", "autoclean"], APT_VALUE_FLAGS),
      );
      if (cleaned || removesPath(ctx.dockerfile, instr, ["/var/cache/apt/archives"], install))
        return;
      const edit = appendCommand(ctx.dockerfile, instr, "apt-get clean");
      ctx.report({
        instr,
        messageId: "kept",
        data: { line: String(since) },
        fix: edit
          ? { applicability: "safe", description: "append `&& apt-get clean`", edits: [edit] }
          : undefined,
      });
    }
  },
});
