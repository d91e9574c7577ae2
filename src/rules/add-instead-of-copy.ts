import { copySources } from "./helpers.js";
import { defineRule } from "./rule.js";
import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import type { Fix } from "../fix/edits.js";
import { keywordSpan } from "./fixes.js";

/** Flags COPY accepts too; `--checksum`, `--keep-git-dir`, `--unpack` exist only on ADD. */
const COPY_FLAGS = new Set(["chown", "chmod", "link", "exclude", "parents"]);

/** ADD → COPY, only when every source is a plain local path (none would be extracted or fetched). */
function toCopy(df: Dockerfile, instr: Instruction, allLocal: boolean): Fix | undefined {
  const span = keywordSpan(df, instr);
  if (!allLocal || !span || !instr.flags.every((f) => COPY_FLAGS.has(f.name))) return undefined;
  const written = df.text.slice(span.start, span.end);
  const text = written === written.toLowerCase() ? "copy" : "COPY";
  return {
    applicability: "safe",
    description: "use COPY instead of ADD",
    edits: [{ ...span, text }],
  };
}

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
        ctx.report({
          instr,
          messageId: "useCopy",
          data: { source },
          fix: toCopy(ctx.dockerfile, instr, local.length === sources.length),
        });
      },
    };
  },
});
