import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDockerfile } from "../dockerfile/parse.js";
import { loadShellParser } from "../dockerfile/shell.js";
import { InputError } from "../model/errors.js";
import { summarizeContext, walkContext, type ContextSummary } from "./context.js";
import { dockerfileNeeds } from "./needs.js";
import { DockerignoreError, parseDockerignore, type Dialect } from "./patterns.js";
import { mergeDockerignore } from "./merge.js";
import { proposeEntries, type Proposal, type Skipped } from "./propose.js";

export interface DockerignoreAnalysis {
  context: string;
  /** The .dockerignore in effect (BuildKit prefers `<Dockerfile>.dockerignore`), and where a write goes. */
  ignoreFile: string;
  existing: string | null;
  dockerfile: string | null;
  now: ContextSummary;
  proposals: Proposal[];
  skipped: Skipped[];
  after: ContextSummary;
  /** The .dockerignore text with the proposals merged in. */
  merged: string;
  /** Lines whose meaning depends on the builder. */
  warnings: string[];
}

/** Reads a context and its .dockerignore, and proposes entries that the Dockerfile does not need. */
export async function analyzeContext(
  context: string,
  dockerfile?: string,
  dialect: Dialect = "docker",
): Promise<DockerignoreAnalysis> {
  const df = dockerfile ?? path.join(context, "Dockerfile");
  const dfText = await readFile(df, "utf8").catch(() => null);
  if (dockerfile && dfText === null)
    throw new InputError(`${dockerfile}: cannot read the Dockerfile`);
  const specific = `${df}.dockerignore`;
  const specificText = await readFile(specific, "utf8").catch(() => null);
  const ignoreFile = specificText !== null ? specific : path.join(context, ".dockerignore");
  const existing = specificText ?? (await readFile(ignoreFile, "utf8").catch(() => null));
  let patterns;
  try {
    patterns = parseDockerignore(existing ?? "", dialect);
  } catch (err) {
    if (err instanceof DockerignoreError) throw new InputError(`${ignoreFile}: ${err.message}`);
    throw err;
  }
  const entries = await walkContext(context).catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`${context}: cannot read the build context (${err.code ?? err.message})`);
  });
  const needs =
    dfText === null ? null : dockerfileNeeds(parseDockerfile(dfText, await loadShellParser()));
  const { proposals, skipped } = proposeEntries(entries, patterns, needs);
  const merged = mergeDockerignore(existing, proposals);
  return {
    context,
    ignoreFile,
    existing,
    dockerfile: dfText === null ? null : df,
    now: summarizeContext(entries, patterns),
    proposals,
    skipped,
    after: summarizeContext(entries, parseDockerignore(merged, dialect)),
    merged,
    warnings: patterns
      .filter((p) => p.buildersDisagree)
      .map(
        (p) =>
          `line ${p.line}: \`${p.pattern}\` matches any path ending in "${p.pattern.slice(2)}" with Docker/BuildKit but only "${p.pattern.slice(2)}" and ".../${p.pattern.slice(2)}" with buildah/podman; write \`**/${p.pattern.slice(2)}\` or \`**/*${p.pattern.slice(2)}\` to say which`,
      ),
  };
}
