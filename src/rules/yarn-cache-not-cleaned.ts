import type { Command } from "../dockerfile/model.js";
import { commandsOf, hasFlag, isCall, positionals } from "../dockerfile/query.js";
import { hasCacheMount, reachesFinal, removesPath } from "./helpers.js";
import { defineRule } from "./rule.js";
import { appendCommand } from "./fixes.js";

const CACHE = ["/usr/local/share/.cache/yarn", "/root/.cache/yarn", "/root/.yarn/berry/cache"];

/** `yarn --version`, `yarn -v`, `yarn --help` print and exit (nodejs/docker-node's smoke test; issue 17). */
const QUERY_FLAGS = ["--version", "-v", "--help", "-h"];

/** `yarn` alone or `yarn install` installs the lockfile's dependencies. */
export function isYarnInstall(cmd: Command): boolean {
  if (cmd.name !== "yarn" || hasFlag(cmd, ...QUERY_FLAGS)) return false;
  const sub = positionals(cmd, [
    "--cwd",
    "--modules-folder",
    "--cache-folder",
    "--network-timeout",
  ])[0];
  return sub === undefined || sub === "install";
}

export default defineRule({
  id: "yarn-cache-not-cleaned",
  meta: {
    severity: "info",
    category: "size",
    summary: "yarn install without yarn cache clean after it in the same RUN",
    hadolint: ["DL3060"],
    fixable: "safe",
    enabledByDefault: true,
    docs: {
      what: "Flags `yarn install` (or bare `yarn`) in stages that reach the final image when the same RUN does not run `yarn cache clean` after it, unless a cache mount covers the yarn cache.",
      why: "Yarn keeps a copy of every package in its global cache; in an image it doubles the size of node_modules.",
      example: "FROM node:20-slim\nRUN yarn install --frozen-lockfile --production\n",
      useInstead:
        "FROM node:20-slim\nRUN yarn install --frozen-lockfile --production && yarn cache clean\n",
      fixSafety: "Safe: appends `&& yarn cache clean` to the RUN.",
    },
  },
  messages: {
    notCleaned:
      "`yarn install` leaves the yarn cache in the layer; run `yarn cache clean` in the same RUN",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (!reachesFinal(ctx.dockerfile, instr) || hasCacheMount(instr, CACHE)) return;
        const cmds = commandsOf(instr);
        const install = cmds.find(isYarnInstall);
        if (!install) return;
        const cleaned = cmds.some(
          (c) =>
            c.index > install.index &&
            isCall(c, "yarn", ["cache"]) &&
            c.args.some((a) => a.value === "clean"),
        );
        if (cleaned || removesPath(ctx.dockerfile, instr, CACHE)) return;
        const edit = appendCommand(ctx.dockerfile, instr, "yarn cache clean");
        const fix = edit
          ? {
              applicability: "safe" as const,
              description: "append `&& yarn cache clean`",
              edits: [edit],
            }
          : undefined;
        ctx.report({ instr, messageId: "notCleaned", fix });
      },
    };
  },
});
