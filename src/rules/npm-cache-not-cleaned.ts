import { commandsOf, hasFlag, isCall } from "../dockerfile/query.js";
import { hasCacheMount, reachesFinal, removesPath } from "./helpers.js";
import { defineRule } from "./rule.js";
import { appendCommand, insertAfterWord } from "./fixes.js";

const CACHE = ["/root/.npm"];
const INSTALLS = ["install", "i", "ci", "add", "isntall", "in"];

export default defineRule({
  id: "npm-cache-not-cleaned",
  meta: {
    severity: "info",
    category: "size",
    summary: "npm install/ci without npm cache clean --force in the same RUN",
    hadolint: [],
    fixable: "safe",
    enabledByDefault: true,
    docs: {
      what: "Flags `npm install`/`npm ci` in stages that reach the final image when the same RUN does not run `npm cache clean --force` afterwards (or remove ~/.npm), unless a cache mount covers /root/.npm.",
      why: "npm keeps every downloaded tarball in ~/.npm/_cacache, often tens of megabytes the running app never reads.",
      example: "FROM node:20-slim\nRUN npm ci --omit=dev\n",
      useInstead: "FROM node:20-slim\nRUN npm ci --omit=dev && npm cache clean --force\n",
      fixSafety: "Safe: appends `&& npm cache clean --force` to the RUN.",
    },
  },
  messages: {
    notCleaned:
      "`npm {{sub}}` leaves its cache in ~/.npm; run `npm cache clean --force` in the same RUN",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (!reachesFinal(ctx.dockerfile, instr) || hasCacheMount(instr, CACHE)) return;
        const cmds = commandsOf(instr);
        const install = cmds.find((c) => isCall(c, "npm", INSTALLS));
        if (!install) return;
        const cleaned = cmds.some(
          (c) =>
            c.index > install.index &&
            isCall(c, "npm", ["cache"]) &&
            c.args.some((a) => a.value === "clean") &&
            hasFlag(c, "--force", "-f"),
        );
        if (cleaned || removesPath(ctx.dockerfile, instr, ["/root/.npm/_cacache"])) return;
        // `npm cache clean` without --force only prints a warning on npm ≥ 5: give it the flag.
        const weak = cmds.find(
          (c) =>
            c.index > install.index && isCall(c, "npm", ["cache"]) && c.args[1]?.value === "clean",
        );
        const edit = weak
          ? insertAfterWord(ctx.dockerfile, weak.args[1], "--force")
          : appendCommand(ctx.dockerfile, instr, "npm cache clean --force");
        ctx.report({
          instr,
          messageId: "notCleaned",
          data: { sub: install.args[0]?.value ?? "install" },
          fix: edit
            ? {
                applicability: "safe",
                description: "clean the npm cache in the same RUN",
                edits: [edit],
              }
            : undefined,
        });
      },
    };
  },
});
