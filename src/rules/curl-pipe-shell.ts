import type { Command } from "../dockerfile/model.js";
import { commandsOf, flagValues, hasFlag } from "../dockerfile/query.js";
import { defineRule } from "./rule.js";

const INTERPRETERS = /^(sh|bash|ash|dash|zsh|ksh|fish|python[0-9.]*|perl|ruby|node|php)$/;
const FETCH_IN_TEXT = /\$\(\s*(curl|wget)\b|`\s*(curl|wget)\b|<\(\s*(curl|wget)\b/;

/** curl, or wget writing to stdout (`-O-`, `-qO-`, `-O -`). */
function downloadsToStdout(cmd: Command): boolean {
  if (cmd.name === "curl") return !hasFlag(cmd, "-o", "--output", "-O", "--remote-name");
  if (cmd.name === "wget")
    return (
      flagValues(cmd, "-O", "--output-document").includes("-") ||
      cmd.args.some((a) => /^-[a-zA-Z]*O-$/.test(a.value))
    );
  return false;
}

export default defineRule({
  id: "curl-pipe-shell",
  meta: {
    severity: "warning",
    category: "security",
    summary: "downloading a script and piping it into a shell",
    hadolint: [],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: 'Flags a download piped into a shell or interpreter (`curl … | sh`, `wget -qO- … | bash`, `… | sudo bash`) and `sh -c "$(curl …)"` / `bash <(curl …)`, in any stage.',
      why: "The script is executed unverified: whoever controls the server, DNS or a proxy controls the build. A failed or truncated download may also run half a script, and without `pipefail` the RUN still succeeds.",
      example: "FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/install.sh | sh\n",
      useInstead:
        "FROM debian:bookworm-slim\nADD --checksum=sha256:<digest> https://example.com/install.sh /tmp/install.sh\nRUN sh /tmp/install.sh && rm /tmp/install.sh\n",
      fixSafety: "No automatic fix: the checksum has to come from the publisher.",
    },
  },
  messages: {
    pipe: "`{{fetch}} … | {{shell}}` runs a downloaded script unverified; download it, verify a checksum, then run it",
  },
  create(ctx) {
    return {
      RUN(instr) {
        const cmds = commandsOf(instr);
        for (const sh of cmds) {
          if (!INTERPRETERS.test(sh.name)) continue;
          const fetch = cmds.find(
            (c) =>
              sh.pipeline !== 0 &&
              c.pipeline === sh.pipeline &&
              c.pipeIndex < sh.pipeIndex &&
              downloadsToStdout(c),
          );
          const substituted =
            sh.args.some((a) => FETCH_IN_TEXT.test(a.value)) ||
            FETCH_IN_TEXT.test(ctx.dockerfile.text.slice(sh.span.start, sh.span.end));
          if (!fetch && !substituted) continue;
          ctx.report({
            instr,
            messageId: "pipe",
            data: { fetch: fetch?.name ?? "curl", shell: [...sh.wrappers, sh.name].join(" ") },
          });
          return;
        }
      },
    };
  },
});
