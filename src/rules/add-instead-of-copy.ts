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

/**
 * Names of tar archives and of compressed files: ADD extracts a compressed tar whatever its name
 * says, so a bare `.gz` (or `.bz2`, `.xz`, `.zst`) may be one. hadolint's list, plus zstd and lz4.
 */
const ARCHIVE = /\.(tar|gz|tgz|taz|tpz|bz2|tbz2?|tb2|xz|txz|zst|zstd|tzst|lz|lzma|tlz|lz4|Z|tZ)$/i;
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;
const GLOB = /[*?[]/;

/** True when ADD may extract the source: its bytes say so when the context is known, else its name. */
function mayExtract(
  source: string,
  isArchive: ((path: string) => boolean | undefined) | undefined,
) {
  const sniffed = GLOB.test(source) ? undefined : isArchive?.(source);
  return sniffed ?? ARCHIVE.test(source);
}

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
      what: "Flags `ADD` whose sources are local files or directories that are not archives. Remote URLs, git repositories and local archives (which ADD extracts) are fine: a tar, or a gzip, bzip2, xz or zstd file, known by its first bytes when the build context has it and by its name (`.tar`, `.tgz`, `.gz`, `.xz`, …) otherwise. Sources with variables are left alone.",
      why: "ADD has implicit behaviours (extracting archives, fetching URLs) that surprise readers; COPY does only what it says.",
      example: "FROM debian:bookworm-slim\nADD app.py /app/\n",
      useInstead: "FROM debian:bookworm-slim\nCOPY app.py /app/\n",
      fixSafety:
        "Safe: replaces the ADD keyword with COPY; none of its sources would have been extracted or fetched. No fix when a source is a glob, which may match an archive.",
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
        const { isArchive } = ctx.buildContext;
        const local = sources.filter((s) => !REMOTE.test(s) && !mayExtract(s, isArchive));
        if (local.length === 0) return;
        const source = instr.heredocs.length > 0 ? "a heredoc" : local.join(", ");
        // A glob may match an archive that ADD extracts and COPY would not.
        const allPlain = local.length === sources.length && !local.some((s) => GLOB.test(s));
        ctx.report({
          instr,
          messageId: "useCopy",
          data: { source },
          fix: toCopy(ctx.dockerfile, instr, allPlain),
        });
      },
    };
  },
});
