import type { Command, Dockerfile, Instruction } from "../dockerfile/model.js";
import { commandsOf, flagValues, hasFlag, isCall, positionals } from "../dockerfile/query.js";
import { copySources, envValue, exportsVar, flagValue, reachesFinal } from "./helpers.js";
import { defineRule } from "./rule.js";
import { isYarnInstall } from "./yarn-cache-not-cleaned.js";

/** A whole-project install (not `npm install some-package` or `-g`). */
function projectInstall(cmd: Command): boolean {
  if (isCall(cmd, "npm", ["install", "i", "ci"]) || isCall(cmd, "pnpm", ["install", "i"])) {
    return (
      positionals(cmd, ["--prefix", "--omit", "--include", "--only", "--filter"]).length === 1 &&
      !hasFlag(cmd, "-g", "--global")
    );
  }
  return isYarnInstall(cmd);
}

function productionOnly(cmd: Command): boolean {
  if (hasFlag(cmd, "--production", "--prod")) return true;
  if (cmd.name === "pnpm" && hasFlag(cmd, "-P")) return true;
  if (flagValues(cmd, "--omit").includes("dev")) return true;
  return flagValues(cmd, "--only").some((v) => v.startsWith("prod"));
}

function pruned(cmds: Command[], after: Command): boolean {
  return cmds.some(
    (c) => c.index > after.index && isCall(c, ["npm", "pnpm"], ["prune"]) && productionOnly(c),
  );
}

const PRODUCTION_ENV: [string, RegExp][] = [
  ["NODE_ENV", /^production$/],
  ["NPM_CONFIG_PRODUCTION", /^true$/i],
  ["npm_config_production", /^true$/i],
  ["NPM_CONFIG_OMIT", /dev/],
  ["npm_config_omit", /dev/],
];

function productionEnv(
  env: (name: string) => string | undefined,
  instr: Instruction,
  cmd: Command,
): boolean {
  return PRODUCTION_ENV.some(([name, value]) => {
    const v = cmd.env[name] ?? env(name);
    return (
      (v !== undefined && value.test(v)) ||
      (name === "NODE_ENV" &&
        exportsVar(instr, "NODE_ENV") &&
        /NODE_ENV=production/.test(instr.shell?.text ?? ""))
    );
  });
}

/**
 * Stages whose node_modules the final image copies (`COPY --from=deps /app/node_modules …`):
 * their installs ship even though the stage itself does not reach the final image.
 */
function nodeModulesSources(df: Dockerfile): Set<number> {
  const out = new Set<number>();
  for (const instr of df.instructions) {
    if (instr.keyword !== "COPY" || !reachesFinal(df, instr)) continue;
    const from = flagValue(instr, "from");
    const stage = from === null ? null : df.graph.resolve(from);
    if (stage === null || !copySources(instr).some((s) => /(^|\/)node_modules\/?$/.test(s)))
      continue;
    // A stage already in the set brought its whole chain with it.
    for (let s: number | null = stage; s !== null && !out.has(s); s = df.graph.stages[s].parent)
      out.add(s);
  }
  return out;
}

export default defineRule({
  id: "node-dev-dependencies",
  meta: {
    severity: "warning",
    category: "size",
    summary: "npm/yarn/pnpm install in the final image without --omit=dev / --production",
    hadolint: [],
    fixable: "unsafe",
    enabledByDefault: true,
    docs: {
      what: "Flags a whole-project `npm install`/`npm ci`, `yarn install` or `pnpm install` in stages that reach the final image, or whose node_modules the final image copies, when dev dependencies are not omitted (`--omit=dev`, `--production`, `--prod`, `NODE_ENV=production`, or `npm prune --omit=dev` in the same RUN).",
      why: "devDependencies (test runners, bundlers, type checkers, linters) are often larger than the runtime dependencies and are never used by the running app. Build in a builder stage, then install production dependencies only.",
      example:
        "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci && npm cache clean --force\n",
      useInstead:
        "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev && npm cache clean --force\n",
      fixSafety:
        "Unsafe: adding `--omit=dev` breaks a later build step that needs a dev dependency; move that step to a builder stage first.",
    },
  },
  messages: {
    devDeps:
      "`{{command}}` installs devDependencies into the final image; use {{flag}} (build in a separate stage)",
  },
  create(ctx) {
    let copied: Set<number> | undefined;
    return {
      RUN(instr) {
        copied ??= nodeModulesSources(ctx.dockerfile);
        if (!reachesFinal(ctx.dockerfile, instr) && !copied.has(instr.stage)) return;
        const env = (name: string) => envValue(ctx.dockerfile, instr, name);
        const cmds = commandsOf(instr);
        const bad = cmds.find(
          (c) =>
            projectInstall(c) &&
            !productionOnly(c) &&
            !productionEnv(env, instr, c) &&
            !pruned(cmds, c),
        );
        if (!bad) return;
        const command = [bad.name, ...bad.args.slice(0, 1).map((a) => a.value)].join(" ");
        const flag = bad.name === "npm" ? "`--omit=dev`" : "`--production`";
        ctx.report({ instr, messageId: "devDeps", data: { command, flag } });
      },
    };
  },
});
