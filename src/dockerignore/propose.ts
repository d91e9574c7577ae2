import { CANDIDATES, REASONS, SECRET_TEMPLATES, type Candidate, type Group } from "./candidates.js";
import type { ContextEntry } from "./context.js";
import type { DockerfileNeeds } from "./needs.js";
import { isExcluded, parseDockerignore, type Pattern } from "./patterns.js";

export interface Proposal {
  /** Lines to add, in order: the pattern, then exceptions for templates it would also catch. */
  lines: string[];
  group: Group;
  reason: string;
  files: number;
  bytes: number;
  /** A few of the paths it excludes, for the report. */
  examples: string[];
}

export interface Skipped {
  pattern: string;
  group: Group;
  why: string;
}

/**
 * Proposes .dockerignore entries for what exists in the context and is still sent, one
 * candidate at a time on top of the file so far, refusing any that would exclude a path the
 * Dockerfile names, undo one of the file's own `!` exceptions, or drop tests/docs/outputs/deps
 * the Dockerfile may use. Without a Dockerfile only VCS, secrets, caches, editor files and logs are proposed.
 */
export function proposeEntries(
  entries: readonly ContextEntry[],
  existing: readonly Pattern[],
  needs: DockerfileNeeds | null,
): { proposals: Proposal[]; skipped: Skipped[] } {
  const proposals: Proposal[] = [];
  const skipped: Skipped[] = [];
  const files = entries.filter((e) => e.kind !== "dir");
  const needed = needs ? parseSources(needs) : [];
  let current = [...existing];
  const reincluded = existing.filter((p) => p.exclusion);
  for (const c of CANDIDATES) {
    const hits = entries.filter((e) => hitBy(c, e));
    if (hits.length === 0) continue;
    const pattern = hits.every((h) => !h.path.includes("/")) ? c.name : `**/${c.name}`;
    const templates =
      c.group === "secrets"
        ? files.filter((f) => SECRET_TEMPLATES.test(f.path) && matchesName(c.name, base(f.path)))
        : [];
    const lines = [pattern, ...templates.map((t) => `!${t.path}`)];
    const next = [...current, ...parseDockerignore(lines.join("\n"))];
    const newly = files.filter((f) => !isExcluded(current, f.path) && isExcluded(next, f.path));
    if (newly.length === 0) continue;
    const why = refusal(c, newly, needed, reincluded, needs);
    if (why) {
      skipped.push({ pattern, group: c.group, why });
      continue;
    }
    proposals.push({
      lines,
      group: c.group,
      reason: REASONS[c.group],
      files: newly.length,
      bytes: newly.reduce((n, f) => n + f.size, 0),
      examples: newly.slice(0, 3).map((f) => f.path),
    });
    current = next;
  }
  return { proposals, skipped };
}

function refusal(
  c: Candidate,
  newly: ContextEntry[],
  needed: { pattern: Pattern[]; source: string; line: number }[],
  reincluded: Pattern[],
  needs: DockerfileNeeds | null,
): string | null {
  for (const f of newly) {
    const src = needed.find((n) => isExcluded(n.pattern, f.path));
    if (src)
      return `the Dockerfile copies ${src.source} (line ${src.line}), which includes ${f.path}`;
    const keep = reincluded.find((p) => isExcluded([{ ...p, exclusion: false }], f.path));
    if (keep)
      return `your .dockerignore re-includes ${f.path} (!${keep.pattern}, line ${keep.line})`;
  }
  const loose = ["tests", "docs", "build", "dependencies"].includes(c.group);
  if (!needs) return loose ? "no Dockerfile to check whether the build uses it" : null;
  const name = c.name.replace(/^\./, "");
  if (
    c.group === "tests" &&
    /\b(test|tests|pytest|jest|mocha|vitest|tox|spec|ctest)\b/.test(needs.runText)
  )
    return "a RUN runs tests";
  if (c.group === "docs" && /\b(docs?|mkdocs|sphinx|doxygen)\b/.test(needs.runText))
    return "a RUN builds documentation";
  if (c.group === "build") {
    if (new RegExp(`\\b${escape(name)}\\b`).test(needs.startText))
      return `the container starts from ${c.name}/`;
    if (!needs.builds) return "no RUN builds it: the image may ship the local build";
  }
  if (c.group === "dependencies") {
    const installs =
      c.name === "node_modules" || c.name === "bower_components"
        ? needs.installsNode
        : needs.installsPython;
    if (!installs) return "no RUN installs them: the image may use the local ones";
  }
  return null;
}

function parseSources(
  needs: DockerfileNeeds,
): { pattern: Pattern[]; source: string; line: number }[] {
  const out: { pattern: Pattern[]; source: string; line: number }[] = [];
  for (const s of needs.sources) {
    if (s.source.includes("$")) continue;
    try {
      out.push({ pattern: parseDockerignore(s.source), source: s.source, line: s.line });
    } catch {
      // A source that is not a valid glob would fail the build anyway; nothing to protect.
    }
  }
  return out;
}

function hitBy(c: Candidate, e: ContextEntry): boolean {
  // Names without dirOnly may be files or directories (`.git` is a file in a worktree, `.env` may be a directory).
  if (c.dirOnly && e.kind !== "dir") return false;
  const name = base(e.path);
  if (c.group === "secrets" && SECRET_TEMPLATES.test(name)) return false;
  return matchesName(c.name, name);
}

function matchesName(glob: string, name: string): boolean {
  return isExcluded(parseDockerignore(glob), name);
}

function base(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
