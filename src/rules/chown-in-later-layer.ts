import type { Command, Instruction } from "../dockerfile/model.js";
import { commandsOf, hasFlag, positionals } from "../dockerfile/query.js";
import { copyDestination, normalizePath, reachesFinal, workdirAt } from "./helpers.js";
import { StagePathIndex } from "./path-index.js";
import { defineRule } from "./rule.js";
import { chownFix } from "./chown-fix.js";

interface Copied {
  line: number;
  keyword: string;
}

/** Paths a `chown OWNER PATH…` or `chmod -R MODE PATH…` changes; empty for other commands. */
function changedPaths(cmd: Command): string[] {
  if (cmd.name === "chown" || (cmd.name === "chmod" && hasFlag(cmd, "-R", "--recursive"))) {
    return positionals(cmd, ["--reference", "--from"]).slice(1);
  }
  return [];
}

/** Paths the RUN makes with `mkdir` before `before` (`mkdir -p "$GOPATH/src"` makes `$GOPATH` too). */
function madeDirs(cmds: Command[], before: Command, workdir: string): string[] {
  return cmds
    .filter((c) => c.name === "mkdir" && c.index < before.index)
    .flatMap((c) => positionals(c, ["-m", "--mode"]).map((p) => normalizePath(p, workdir)));
}

export default defineRule({
  id: "chown-in-later-layer",
  meta: {
    severity: "warning",
    category: "size",
    summary: "RUN chown/chmod -R on files an earlier COPY/ADD added",
    hadolint: [],
    fixable: "unsafe",
    enabledByDefault: true,
    docs: {
      what: "Flags `RUN chown` and `RUN chmod -R` on paths that an earlier COPY or ADD of the same stage (or a stage it is built FROM) added, in stages that reach the final image.",
      why: "Changing owner or mode rewrites every file into a new layer, so each copied file is stored twice. `COPY --chown`/`--chmod` sets them while copying.",
      example:
        "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\nUSER node\n",
      useInstead: "FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\n",
      fixSafety:
        "Unsafe: `--chown` applies to the copied files only, not to directories the RUN may also have changed.",
    },
  },
  messages: {
    rewrite:
      "`{{command}}` rewrites files the {{keyword}} on line {{line}} added, storing them twice; use `{{keyword}} --{{flag}}`",
  },
  create(ctx) {
    const copied = new StagePathIndex<Copied>(ctx.dockerfile);
    return {
      "*"(instr: Instruction) {
        if (instr.onbuild || instr.stage < 0) return;
        if (instr.keyword === "COPY" || instr.keyword === "ADD") {
          const dest = copyDestination(ctx.dockerfile, instr);
          if (dest) copied.addPath(instr.stage, dest, { line: instr.line, keyword: instr.keyword });
          return;
        }
        if (instr.keyword !== "RUN" || !reachesFinal(ctx.dockerfile, instr)) return;
        const workdir = workdirAt(ctx.dockerfile, instr);
        const cmds = commandsOf(instr);
        for (const cmd of cmds) {
          const made = madeDirs(cmds, cmd, workdir);
          for (const p of changedPaths(cmd)) {
            const target = normalizePath(p, workdir);
            // The earliest copy whose destination overlaps the target (helpers.ts `overlaps`),
            // passing over those the target is inside when the RUN made the target itself.
            const hit =
              target === "/"
                ? undefined
                : made.some((d) => d === target || d.startsWith(`${target}/`))
                  ? copied.firstAtOrUnder(instr.stage, target)
                  : copied.firstOverlapping(instr.stage, target, true);
            if (!hit) continue;
            const flag = cmd.name === "chown" ? "chown" : "chmod";
            ctx.report({
              instr,
              messageId: "rewrite",
              data: { command: cmd.name, keyword: hit.keyword, line: String(hit.line), flag },
              fix: chownFix(ctx.dockerfile, instr),
            });
            return;
          }
        }
      },
    };
  },
});
