import { prefixOf } from "./bases.js";
import { CannotConvert, type ConvertOptions } from "./model.js";
import { runtimeForNative } from "./native.js";
import { carryUser, type Plan } from "./plan.js";
import { startProgram } from "./program.js";
import type { RunCommand, StageFacts } from "./stage.js";
import { positionals } from "../dockerfile/query.js";
import { hasOwnEntrypoint } from "./bases.js";

/** Node/TypeScript: devDependencies and the build stay in the builder; the runtime gets production deps and the output. */
export function planNode(facts: StageFacts, opts: ConvertOptions): Plan {
  const program = startProgram(facts);
  if (facts.workdir === "/")
    throw new CannotConvert(
      "the app is not in its own WORKDIR: cannot tell its files from the system's",
    );
  const build = facts.commands.filter(isBuild);
  const installs = facts.commands.filter(
    (c) =>
      ["npm", "yarn", "pnpm"].includes(c.cmd.name) &&
      ["ci", "install", "i", "add"].includes(positionals(c.cmd)[0] ?? ""),
  );
  const pkg = opts.context?.read("package.json");
  const devDeps = pkg ? /"devDependencies"\s*:\s*\{\s*"/.test(pkg) : false;
  if (build.length === 0 && !devDeps)
    throw new CannotConvert(
      "no build step (tsc, npm run build) and no devDependencies: nothing to leave in a builder",
    );
  const official = facts.stage.image.name === "node";
  const kind = opts.base ?? "slim";
  const plan = runtimeForNative(facts, kind, "node", official ? [] : ["nodejs"], {
    libraries: opts.runtimeLibraries ?? [],
  });
  if (kind === "slim" && official) plan.base = nodeSlim(facts);
  const installer = installs[installs.length - 1];
  if (installer) prune(facts, plan, installer, build[build.length - 1]);
  plan.copies.push({
    from: facts.workdir,
    to: facts.workdir,
    why: "the app: build output, package.json and production node_modules",
  });
  if (hasOwnEntrypoint(plan.base) && program.argv0 === "node") {
    plan.setup.push("ENTRYPOINT []");
    plan.caveats.push(
      `${plan.base} starts node itself; its ENTRYPOINT is reset so that CMD runs as written`,
    );
  }
  carryUser(facts, plan);
  return plan;
}

function isBuild(c: RunCommand): boolean {
  const sub = positionals(c.cmd);
  return (
    c.cmd.name === "tsc" ||
    (["npm", "yarn", "pnpm"].includes(c.cmd.name) &&
      (sub[0] === "run" || sub[0] === "build") &&
      (sub[0] === "build" || sub[1] === "build"))
  );
}

/** After the build, the builder drops devDependencies so that the copied node_modules is production-only. */
function prune(facts: StageFacts, plan: Plan, installer: RunCommand, lastBuild?: RunCommand): void {
  const command =
    installer.cmd.name === "yarn"
      ? "yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline"
      : installer.cmd.name === "pnpm"
        ? "pnpm prune --prod"
        : "npm prune --omit=dev";
  const after =
    lastBuild && lastBuild.instr.span.end > installer.instr.span.end
      ? lastBuild.instr
      : installer.instr;
  plan.builderEdits.push({ start: after.span.end, end: after.span.end, text: `\nRUN ${command}` });
  plan.builderChanges.push(`keeps production dependencies only (${command}) after the build`);
}

function nodeSlim(facts: StageFacts): string {
  const tag = facts.stage.image.tag ?? "latest";
  const version = tag.split("-")[0];
  return `${prefixOf(facts.stage.image)}node:${version === "latest" ? "slim" : `${version}-slim`}`;
}
