import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDockerfile } from "../dockerfile/parse.js";
import { loadShellParser } from "../dockerfile/shell.js";
import { unifiedDiff } from "../fix/diff.js";
import { fixLoop, type AppliedFix, type FixResult } from "../fix/loop.js";
import type { BaseKind, Conversion, ConvertResult } from "../convert/model.js";
import { normalizeText, restoreText, writeFileAtomic } from "../fix/write.js";
import {
  emptyConfig,
  findConfig,
  loadConfigFile,
  mergeConfig,
  resolveRuleNames,
} from "../lint/config.js";
import { readBuildContext, readDockerfileRaw } from "../lint/files.js";
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
  /** Convert a single-stage Dockerfile to multi-stage (`--multi-stage`; `--unsafe-fixes` tries it too). */
  multiStage?: boolean;
  base?: BaseKind;
  /** Runtime packages found from the built builder stage (the `--verify` library pass). */
  runtimeLibraries?: string[];
  /** Leave the conversion out, for this reason (a `--verify` found it does not build or behave the same). */
  conversionRejected?: string;
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
  /** The multi-stage conversion, when it was asked for (directly or through --unsafe-fixes). */
  conversion?: ConvertResult;
  /** True when --multi-stage itself was given (a refusal then leaves the file unchanged). */
  multiStageAsked: boolean;
  contextDir: string;
}

/** Runs the fix loop over one Dockerfile with the config lint would use. Nothing is written. */
export async function fixFile(file: string, opts: FixRunOptions): Promise<FixRun> {
  const raw = await readDockerfileRaw(file);
  if (raw.includes("\u0000")) throw new InputError(`${file}: binary file, not a Dockerfile`);
  const shown = displayPath(file, opts.cwd);
  const config = await configFor(file, opts);
  const contextDir = opts.context ? path.resolve(opts.cwd, opts.context) : path.dirname(file);
  const buildContext = await readBuildContext(file, contextDir);
  const { text, shape } = normalizeText(raw);
  const fixOpts = { file: shown, config, buildContext, maxPasses: opts.maxPasses };
  const wantConversion = opts.multiStage === true || opts.unsafe;
  let result: FixResult<LintFinding>;
  let conversion: ConvertResult | undefined;
  if (!wantConversion) result = await fixText(text, { ...fixOpts, unsafe: opts.unsafe });
  else {
    // Safe fixes first, then the conversion, then the rest: one run gives what `fix --write`
    // followed by `fix --write --unsafe-fixes` gives.
    const safe = await fixText(text, { ...fixOpts, unsafe: false });
    conversion = opts.conversionRejected
      ? { ok: false, reason: opts.conversionRejected }
      : await convertText(safe.output, {
          base: opts.base,
          contextDir,
          runtimeLibraries: opts.runtimeLibraries,
        });
    if (opts.multiStage === true && !conversion.ok) result = unchanged(text);
    else {
      const start = conversion.ok ? conversion.text : safe.output;
      result = await fixText(start, { ...fixOpts, unsafe: opts.unsafe });
      const applied = [...safe.applied, ...(conversion.ok ? [conversionApplied(conversion)] : [])];
      result.applied.unshift(...applied);
      result.rejected.unshift(...safe.rejected);
      result.passes += safe.passes;
    }
  }
  const output = restoreText(result.output, shape);
  const diff = unifiedDiff(raw, output, diffNames(shown));
  return {
    file,
    shown,
    original: raw,
    output,
    result,
    diff,
    conversion,
    multiStageAsked: opts.multiStage === true,
    contextDir,
  };
}

async function convertText(
  text: string,
  opts: { base?: BaseKind; contextDir: string; runtimeLibraries?: string[] },
): Promise<ConvertResult> {
  const [{ convertToMultiStage }, { contextOnDisk }] = await Promise.all([
    import("../convert/convert.js"),
    import("../convert/context.js"),
  ]);
  const df = parseDockerfile(text, await loadShellParser());
  return convertToMultiStage(df, {
    base: opts.base,
    context: contextOnDisk(opts.contextDir),
    runtimeLibraries: opts.runtimeLibraries,
  });
}

/** The fix group of the conversion, as the summary names it. */
export const MULTI_STAGE_GROUP = "multi-stage";

function conversionApplied(c: Conversion): AppliedFix {
  return {
    rule: MULTI_STAGE_GROUP,
    line: 1,
    description: `converted to a multi-stage build (${c.language}, runtime ${c.base})`,
    applicability: "unsafe",
    pass: 0,
  };
}

function unchanged(text: string): FixResult<LintFinding> {
  return { output: text, applied: [], rejected: [], remaining: [], passes: 0, converged: true };
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
  await writeFileAtomic(run.file, run.output, run.shown);
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
