import { commandsOf } from "../dockerfile/query.js";
import { gitCloneDir } from "./artifacts.js";
import { reachesFinal, removesPath, workdirAt } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "git-clone-in-final-stage",
  meta: {
    severity: "warning",
    category: "security",
    summary: "git clone leaves the repository's .git in the final image",
    hadolint: [],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `git clone` in a stage that reaches the final image when the same RUN does not remove the clone or its `.git` directory afterwards.",
      why: "`.git` holds the repository's whole history (shallow clones included: their packs and config), which weighs on the image and can carry what was deleted from the tree, such as credentials in old commits or a token in the remote URL.",
      example:
        "FROM python:3.12-slim\nRUN git clone --depth 1 https://github.com/org/app /app && pip install --no-cache-dir /app\n",
      useInstead:
        "FROM python:3.12-slim\nRUN git clone --depth 1 https://github.com/org/app /app && pip install --no-cache-dir /app \\\n && rm -rf /app/.git\n",
      fixSafety:
        "No automatic fix: whether the program needs its checkout at run time is not knowable from the Dockerfile.",
    },
  },
  messages: {
    gitKept:
      "`git clone` leaves `{{dir}}/.git` in the image; remove it in the same RUN (`rm -rf {{dir}}/.git`) or clone in a builder stage",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (!reachesFinal(ctx.dockerfile, instr)) return;
        const workdir = workdirAt(ctx.dockerfile, instr);
        for (const cmd of commandsOf(instr)) {
          const dir = gitCloneDir(cmd, workdir);
          if (!dir || removesPath(ctx.dockerfile, instr, [`${dir}/.git`], cmd)) continue;
          ctx.report({ instr, messageId: "gitKept", data: { dir } });
          return;
        }
      },
    };
  },
});
