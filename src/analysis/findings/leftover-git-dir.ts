import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-git-dir",
  label: ".git directory",
  advice:
    "Add `.git` to .dockerignore (and copy only what the image needs), or clone with `--depth 1` and delete .git in the same RUN.",
  contains: [".git/"],
  roots: [/^((?:.*\/)?\.git)\//],
  meta: {
    severity: "warning",
    category: "security",
    summary: "a .git directory (repository history) shipped in the image",
    looksFor: "regular files under any directory named .git",
    docs: {
      what: "Reports, per layer, the bytes of .git directories, usually brought in by `COPY . .` without a .dockerignore or by `git clone`.",
      why: "The whole history ships with the image: size, and any secret ever committed and later removed is readable by whoever pulls it (docs/guide.md#3-the-build-context-and-dockerignore).",
      example: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\n",
      useInstead:
        "# .dockerignore\n.git\nnode_modules\n\n# Dockerfile\nFROM node:20-slim\nWORKDIR /app\nCOPY . .\n",
    },
  },
});
