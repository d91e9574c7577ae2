import { copySources } from "./helpers.js";
import { defineRule } from "./rule.js";

const ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst|lz|lzma|Z)|tgz|tbz2?|txz|tzst|tlz)$/i;
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

export default defineRule({
  id: "add-instead-of-copy",
  meta: {
    severity: "warning",
    category: "size",
    summary: "ADD of local files that are not archives",
    hadolint: ["DL3020"],
    fixable: "safe",
    enabledByDefault: true,
    docs: {
      what: "Flags `ADD` whose sources are local files or directories that are not tar archives. Remote URLs, git repositories and local archives (which ADD extracts) are fine; sources with variables are left alone.",
      why: "ADD has implicit behaviours (extracting archives, fetching URLs) that surprise readers; COPY does only what it says.",
      example: "FROM debian:bookworm-slim\nADD app.py /app/\n",
      useInstead: "FROM debian:bookworm-slim\nCOPY app.py /app/\n",
      fixSafety:
        "Safe: replaces the ADD keyword with COPY; none of its sources would have been extracted or fetched.",
    },
  },
  messages: {
    useCopy: "use COPY instead of ADD for {{source}}",
  },
  create(ctx) {
    return {
      ADD(instr) {
        const sources = copySources(instr);
        if (sources.length === 0 || sources.some((s) => s.includes("$"))) return;
        const local = sources.filter((s) => !REMOTE.test(s) && !ARCHIVE.test(s));
        if (local.length === 0) return;
        const source = instr.heredocs.length > 0 ? "a heredoc" : local.join(", ");
        ctx.report({ instr, messageId: "useCopy", data: { source } });
      },
    };
  },
});
