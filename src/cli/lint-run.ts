import path from "node:path";
import { InputError } from "../model/errors.js";
import {
  emptyConfig,
  findConfig,
  loadConfigFile,
  mergeConfig,
  resolveEnableNames,
  resolveRuleNames,
  type LintConfig,
  type Threshold,
} from "../lint/config.js";
import { findDockerfiles, readBuildContext, readDockerfile } from "../lint/files.js";
import { DEFAULT_THRESHOLD, failsThreshold, lintText, type LintFinding } from "../lint/lint.js";
import type { LintRuleInfo } from "../report/lint-format.js";
import { ruleMarkdown, rulesDocument } from "../rules/docs.js";
import { RULES, findRule, rulesForHadolint } from "../rules/index.js";
import { LABEL_FORMATS } from "../rules/label-schema.js";
import { displayPath } from "./lint.js";

export interface LintRunOptions {
  cwd: string;
  context?: string;
  /** An explicit config file, false for none, undefined to search upward from each Dockerfile. */
  config?: string | false;
  ignore: string[];
  enable: string[];
  threshold?: Threshold;
  trustedRegistries?: string[];
  /** `LABEL:FORMAT` pairs (hadolint's `--require-label`). */
  requireLabels?: string[];
  strictLabels?: boolean;
  /** Reads the Dockerfile given as `-` (default: the process's standard input). */
  readStdin?: () => Promise<string>;
}

export interface LintRunResult {
  findings: LintFinding[];
  files: string[];
  /** One-line messages for files that could not be linted (exit 2). */
  errors: string[];
  /** One-line notices (hadolint codes ballast does not implement), each once. */
  notices: string[];
  failed: boolean;
}

/** Lints every Dockerfile under `paths` (`-` is stdin); a bad file is reported and the others still linted. */
export async function lintPaths(
  paths: readonly string[],
  opts: LintRunOptions,
): Promise<LintRunResult> {
  const notices: string[] = [];
  const flags: Partial<LintConfig> = {
    ignore: new Set(resolveRuleNames(opts.ignore, "--ignore", notices)),
    enable: new Set(resolveEnableNames(opts.enable, "--enable")),
    failureThreshold: opts.threshold,
    settings: {
      trustedRegistries: opts.trustedRegistries,
      labelSchema: labelSchema(opts.requireLabels ?? []),
      strictLabels: opts.strictLabels,
    },
    notices,
  };
  const explicit =
    typeof opts.config === "string"
      ? await loadConfigFile(path.resolve(opts.cwd, opts.config))
      : null;
  const configFor = async (dir: string) =>
    mergeConfig(explicit ?? (opts.config === false ? emptyConfig() : await findConfig(dir)), flags);
  const result: LintRunResult = { findings: [], files: [], errors: [], notices: [], failed: false };
  const seen = new Set<string>();
  const rest = paths.filter((p) => p !== "-");
  const inputs: (string | null)[] = [
    ...(paths.includes("-") ? [null] : []),
    ...(rest.length > 0 ? await findDockerfiles(rest, opts.cwd) : []),
  ];
  for (const file of inputs) {
    // stdin is linted as if it were a Dockerfile in the working directory.
    const dir = file === null ? opts.cwd : path.dirname(file);
    const shown = file === null ? "-" : displayPath(file, opts.cwd);
    try {
      const config = await configFor(dir);
      for (const n of config.notices) if (!seen.has(n) && seen.add(n)) result.notices.push(n);
      const contextDir = opts.context ? path.resolve(opts.cwd, opts.context) : dir;
      const text =
        file === null ? await (opts.readStdin ?? readProcessStdin)() : await readDockerfile(file);
      const findings = await lintText(text, {
        file: shown,
        config,
        buildContext: await readBuildContext(file ?? path.join(opts.cwd, "Dockerfile"), contextDir),
      });
      result.files.push(shown);
      result.findings.push(...findings);
      if (failsThreshold(findings, config.failureThreshold ?? DEFAULT_THRESHOLD))
        result.failed = true;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      result.errors.push(err.message);
    }
  }
  return result;
}

/** `--require-label author:text` → `{author: "text"}`; a label without a format is `text`. */
function labelSchema(pairs: readonly string[]): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf(":");
    const [name, format] = at > 0 ? [pair.slice(0, at), pair.slice(at + 1)] : [pair, "text"];
    if (!LABEL_FORMATS.includes(format))
      throw new InputError(
        `--require-label ${pair}: unknown format "${format}" (${LABEL_FORMATS.join(", ")})`,
      );
    out[name] = format;
  }
  return out;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
}

/** Rule metadata for reporters (SARIF `rules[]`). */
export function ruleInfos(): LintRuleInfo[] {
  return RULES.map((r) => ({
    id: r.id,
    summary: r.meta.summary,
    severity: r.meta.severity,
    category: r.meta.category,
    hadolint: r.meta.hadolint,
    help: ruleMarkdown(r),
  }));
}

export function listRules(format: "text" | "json" | "markdown"): string {
  if (format === "markdown") return rulesDocument();
  if (format === "json")
    return `${JSON.stringify({ rules: ruleInfos().map(({ help: _help, ...r }) => r) }, null, 2)}\n`;
  const width = Math.max(...RULES.map((r) => r.id.length));
  const lines = RULES.map((r) => {
    const codes = r.meta.hadolint.length > 0 ? ` [${r.meta.hadolint.join(", ")}]` : "";
    const off = r.meta.enabledByDefault ? "" : " (off by default)";
    return `${r.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${r.meta.summary}${codes}${off}`;
  });
  return `${lines.join("\n")}\n`;
}

/** Docs for a rule id or every rule answering to a hadolint code; null if none. */
export async function ruleDocs(id: string): Promise<string | null> {
  const rules = findRule(id) ? [findRule(id)!] : rulesForHadolint(id);
  if (rules.length > 0) return rules.map((r) => ruleMarkdown(r)).join("\n");
  // Image detectors share the rule namespace (DESIGN.md habit 15): `ballast rule leftover-apt-lists`.
  const { DETECTORS, detectorMarkdown, findDetector } =
    await import("../analysis/findings/index.js");
  const detector = findDetector(DETECTORS, id);
  return detector ? detectorMarkdown(detector) : null;
}

/** Rule and detector ids (and hadolint codes) near a mistyped one, for the error's hint. */
export async function ruleSuggestions(id: string): Promise<string[]> {
  const { DETECTORS } = await import("../analysis/findings/index.js");
  const { nearest } = await import("../model/nearest.js");
  const ids = [...RULES.map((r) => r.id), ...DETECTORS.map((d) => d.id)];
  return nearest(id, ids);
}
