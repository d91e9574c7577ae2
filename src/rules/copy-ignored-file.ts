import dockerignore from "@balena/dockerignore";
import type { Instruction } from "../dockerfile/model.js";
import { copySources, flagValue } from "./helpers.js";
import { defineRule } from "./rule.js";

// The .d.ts says `export default` but the module is CommonJS `module.exports = factory` (LIBRARIES.md (k)).
const ignoreFactory = dockerignore as unknown as typeof dockerignore.default;

/** A context path as .dockerignore patterns see it: no leading `./` or `/`, no trailing `/`. */
function contextPath(source: string): string {
  return source
    .replace(/^(\.\/)+/, "")
    .replace(/^\/+/, "")
    .replace(/\/+$/, "");
}

export default defineRule({
  id: "copy-ignored-file",
  meta: {
    severity: "warning",
    category: "correctness",
    summary: "COPY/ADD of a path the .dockerignore excludes",
    hadolint: [],
    checks: ["CopyIgnoredFile"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags a COPY or ADD from the build context whose source the `.dockerignore` excludes, as Docker's build check CopyIgnoredFile does. Sources with globs, variables, URLs and `--from` copies are not checked.",
      why: "The builder never sends an excluded file, so the COPY fails (`not found`) or, for a directory, copies less than it says.",
      example:
        "# with a .dockerignore containing: config\nFROM nginx:1.27\nCOPY config /etc/nginx/conf.d\n",
      useInstead:
        "# with a .dockerignore that keeps config\nFROM nginx:1.27\nCOPY nginx /etc/nginx/conf.d\n",
      fixSafety:
        "No automatic fix: either the COPY or the .dockerignore is wrong, and only the author knows which.",
      dockerignore: "config\n",
    },
  },
  messages: {
    ignored: "`{{source}}` is excluded by .dockerignore, so the build does not see it",
  },
  create(ctx) {
    const content = ctx.buildContext.dockerignore;
    if (!content) return {};
    const matcher = ignoreFactory({ ignorecase: false }).add(content.split(/\r?\n/));
    const visit = (instr: Instruction) => {
      if (flagValue(instr, "from") !== null || instr.heredocs.length > 0) return;
      for (const source of copySources(instr)) {
        if (/[*?[$]/.test(source) || /^[a-z]+:\/\//i.test(source) || source.startsWith("<<"))
          continue;
        const p = contextPath(source);
        if (p === "" || p === ".") continue;
        if (matcher.ignores(p)) {
          ctx.report({ instr, messageId: "ignored", data: { source } });
          return;
        }
      }
    };
    return { COPY: visit, ADD: visit };
  },
});
