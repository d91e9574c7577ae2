import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDockerfile } from "../dockerfile/parse.js";
import { loadShellParser } from "../dockerfile/shell.js";
import { unifiedDiff } from "../fix/diff.js";
import { fixLoop, type FixResult } from "../fix/loop.js";
import { normalizeText, restoreText, writeFileAtomic } from "../fix/write.js";
import {
  emptyConfig,
  findConfig,
  loadConfigFile,
  mergeConfig,
  resolveRuleNames,
} from "../lint/config.js";
import { readBuildContext } from "../lint/files.js";
import { enabledRules, lintText, type LintFinding } from "../lint/lint.js";
import { InputError } from "../model/errors.js";
import { parseProblems } from "../rules/fixes.js";
import type { BuildContext } from "../rules/rule.js";
import type { LintConfig } from "../lint/config.js";
import { displayPath } from "./lint.js";

export interface FixRunOptions {
  cwd: string;
  context?: string;
  config?: string | false;
  ignore: string[];
  unsafe: boolean;
  maxPasses?: number;
}

export interface FixRun {
  file: string;
  /** Path as shown in messages and diff headers. */
  shown: string;
  /** File content as read (line endings and BOM as on disk). */
  original: string;
  /** Fixed content with the original line endings and BOM. */
  output: string;
  result: FixResult<LintFinding>;
  diff: string;
}

/** Runs the fix loop over one Dockerfile with the config lint would use. Nothing is written. */
export async function fixFile(file: string, opts: FixRunOptions): Promise<FixRun> {
  const raw = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot read${err.code ? ` (${err.code})` : ""}`);
  });
  if (raw.includes("\u0000")) throw new InputError(`${file}: binary file, not a Dockerfile`);
  const shown = displayPath(file, opts.cwd);
  const config = await configFor(file, opts);
  const contextDir = opts.context ? path.resolve(opts.cwd, opts.context) : path.dirname(file);
  const buildContext = await readBuildContext(file, contextDir);
  const { text, shape } = normalizeText(raw);
  const result = await fixText(text, {
    file: shown,
    config,
    buildContext,
    unsafe: opts.unsafe,
    maxPasses: opts.maxPasses,
  });
  const output = restoreText(result.output, shape);
  const diff = unifiedDiff(raw, output, diffNames(shown));
  return { file, shown, original: raw, output, result, diff };
}

/** The fix loop wired to the linter and the parser: the library entry point for fixing text. */
export async function fixText(
  text: string,
  opts: {
    file?: string;
    config?: LintConfig;
    buildContext?: BuildContext;
    unsafe: boolean;
    maxPasses?: number;
  },
): Promise<FixResult<LintFinding>> {
  const shell = await loadShellParser();
  const config = opts.config ?? emptyConfig();
  return fixLoop<LintFinding>(text, {
    lint: (t) =>
      lintText(t, {
        file: opts.file,
        config,
        buildContext: opts.buildContext,
        rules: enabledRules(config),
      }),
    problems: async (t) => parseProblems(parseDockerfile(t, shell)),
    unsafe: opts.unsafe,
    maxPasses: opts.maxPasses,
  });
}

/** Writes the fixed file atomically; a file the loop did not change is left alone. */
export async function writeFix(run: FixRun): Promise<boolean> {
  if (run.output === run.original) return false;
  // Refuse to overwrite edits made while we were fixing.
  const now = await readFile(run.file, "utf8");
  if (now !== run.original)
    throw new InputError(`${run.shown}: changed on disk while fixing; not written`);
  await writeFileAtomic(run.file, run.output);
  return true;
}

async function configFor(file: string, opts: FixRunOptions): Promise<LintConfig> {
  const base =
    typeof opts.config === "string"
      ? await loadConfigFile(path.resolve(opts.cwd, opts.config))
      : opts.config === false
        ? emptyConfig()
        : await findConfig(path.dirname(file));
  return mergeConfig(base, { ignore: new Set(resolveRuleNames(opts.ignore, "--ignore")) });
}

/** git-style `a/`, `b/` prefixes for relative paths (so `patch -p1` applies the diff); absolute paths as they are. */
function diffNames(shown: string): { from: string; to: string } {
  return path.isAbsolute(shown)
    ? { from: shown, to: shown }
    : { from: `a/${shown}`, to: `b/${shown}` };
}
