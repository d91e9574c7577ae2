import type { ImageRef, Instruction } from "../dockerfile/model.js";
import { stageChain } from "./helpers.js";
import { defineRule } from "./rule.js";

/** Bases whose default user is not root (distroless `:nonroot`, Chainguard non-`-dev`). */
function nonrootBase(ref: ImageRef): boolean {
  const tag = ref.tag ?? "";
  if (ref.name.includes("distroless") && tag.includes("nonroot")) return true;
  return ref.registry === "cgr.dev" && !tag.includes("dev");
}

const ROOT = /^(root|0)(:.*)?$/;

export default defineRule({
  id: "runs-as-root",
  meta: {
    severity: "warning",
    category: "security",
    summary: "the final image runs as root",
    hadolint: ["DL3002"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags a final image with no `USER` (in its stage or the stages it is built FROM) on a base that runs as root, or whose last `USER` is root or 0.",
      why: "A process running as root in a container turns any code-execution bug into root in the container, and a container escape into root on the host.",
      example:
        'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nCMD ["node", "server.js"]\n',
      useInstead:
        'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\nCMD ["node", "server.js"]\n',
      fixSafety: "No automatic fix: the user must exist and own what the program writes.",
    },
  },
  messages: {
    noUser: "the final image has no USER and runs as root; add `USER <non-root user>`",
    rootUser: "the last USER is `{{user}}`; switch to a non-root user before the image ends",
  },
  create(ctx) {
    return {
      end() {
        const { stages } = ctx.dockerfile.graph;
        if (stages.length === 0) return;
        const chain = stageChain(ctx.dockerfile, stages.length - 1).map((i) => stages[i]);
        let last: Instruction | null = null;
        for (const s of chain)
          for (const i of s.instructions) if (i.keyword === "USER" && !i.onbuild) last = i;
        if (last) {
          const user = last.args[0] ?? "";
          if (ROOT.test(user)) ctx.report({ instr: last, messageId: "rootUser", data: { user } });
          return;
        }
        if (!nonrootBase(chain[0].image) && !chain[0].image.dynamic) {
          // hadolint's DL3002 only judges an explicit last `USER root`; no USER at all is ballast's own finding.
          ctx.report({
            instr: stages[stages.length - 1].from,
            messageId: "noUser",
            hadolint: null,
          });
        }
      },
    };
  },
});
