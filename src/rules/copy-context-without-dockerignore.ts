import dockerignore from "@balena/dockerignore";
import { copySources } from "./helpers.js";
import { defineRule } from "./rule.js";

// The .d.ts says `export default` but the module is CommonJS `module.exports = factory` (LIBRARIES.md (k)).
const ignoreFactory = dockerignore as unknown as typeof dockerignore.default;

/** What must never reach the build context. */
const MUST_IGNORE = [".git", "node_modules", ".env"];
const WHOLE_CONTEXT = new Set([".", "./", "./.", "*", "./*"]);

/** Entries of MUST_IGNORE that the .dockerignore lets through and that exist. */
export function leaks(content: string, exists: (path: string) => boolean): string[] {
  const matcher = ignoreFactory({ ignorecase: false }).add(content.split(/\r?\n/));
  return MUST_IGNORE.filter((p) => exists(p) && !matcher.ignores(p) && !matcher.ignores(`${p}/x`));
}

export default defineRule({
  id: "copy-context-without-dockerignore",
  meta: {
    severity: "warning",
    category: "size",
    summary: "COPY . / ADD . without a .dockerignore that keeps .git, node_modules and .env out",
    hadolint: [],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `COPY . …`/`ADD . …` (the whole build context) when the context has no `.dockerignore` (nor a `<Dockerfile>.dockerignore`), or one that lets `.git`, `node_modules` or `.env` through. Entries that do not exist in the context are not required.",
      why: "Without it, the VCS history, local dependencies and secrets are sent to the builder and copied into the image: size, cache misses, and leaks (docs/guide.md#3-the-build-context-and-dockerignore).",
      example: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\n",
      useInstead:
        "# with a .dockerignore containing: .git  node_modules  .env\nFROM node:20-slim\nWORKDIR /app\nCOPY . .\n",
      fixSafety: "No automatic fix (a later `ballast fix` may write a .dockerignore).",
    },
  },
  messages: {
    noIgnoreFile:
      "`{{keyword}} {{source}}` copies the whole build context, which has no .dockerignore",
    leaks:
      "`{{keyword}} {{source}}` copies the whole build context and .dockerignore lets {{paths}} through",
  },
  create(ctx) {
    const { dockerignore: content, exists = () => true } = ctx.buildContext;
    let leaked: string[] | undefined;
    return {
      "*"(instr) {
        if (content === undefined || (instr.keyword !== "COPY" && instr.keyword !== "ADD")) return;
        if (instr.flags.some((f) => f.name === "from")) return;
        const source = copySources(instr).find((s) => WHOLE_CONTEXT.has(s));
        if (!source) return;
        const data = { keyword: instr.keyword, source };
        if (content === null) return ctx.report({ instr, messageId: "noIgnoreFile", data });
        leaked ??= leaks(content, exists);
        if (leaked.length > 0)
          ctx.report({ instr, messageId: "leaks", data: { ...data, paths: leaked.join(", ") } });
      },
    };
  },
});
