import { parseDockerfile } from "../dockerfile/parse.js";
import { loadShellParser } from "../dockerfile/shell.js";
import { InputError } from "../model/errors.js";
import { atLeast, type Severity } from "../model/finding.js";
import { RULES } from "../rules/index.js";
import type { BuildContext, Rule } from "../rules/rule.js";
import { emptyConfig, type LintConfig, type Threshold } from "./config.js";
import { runRules, type LintFinding } from "./engine.js";
import { noPragmas, readPragmas, silences } from "./pragmas.js";

export type { LintFinding } from "./engine.js";

export interface LintOptions {
  /** Name reported in findings. */
  file?: string;
  buildContext?: BuildContext;
  config?: LintConfig;
  /** Rules to run instead of the registry (tests, embedding). */
  rules?: readonly Rule[];
}

/** Default failure threshold, as hadolint's: style findings alone do not fail a build. */
export const DEFAULT_THRESHOLD: Severity = "info";

/** Rules enabled by the config: default-on ones minus ignores, plus opt-ins. */
export function enabledRules(config: LintConfig, rules: readonly Rule[] = RULES): Rule[] {
  return rules.filter(
    (r) => !config.ignore.has(r.id) && (r.meta.enabledByDefault || config.enable.has(r.id)),
  );
}

/** Lints Dockerfile text: rules in one pass, then pragmas, config ignores and severities. */
export async function lintText(text: string, options: LintOptions = {}): Promise<LintFinding[]> {
  if (text.includes("\u0000"))
    throw new InputError(`${options.file ?? "input"}: binary file, not a Dockerfile`);
  const shell = await loadShellParser();
  const config = options.config ?? emptyConfig();
  const file = options.file ?? "Dockerfile";
  const df = parseDockerfile(text, shell);
  const rules = enabledRules(config, options.rules);
  const raw = runRules(df, rules, options.buildContext ?? {}, file, config.settings);
  const pragmas = config.noPragmas ? noPragmas() : readPragmas(df);
  const findings = raw.filter(
    (f) =>
      !silences(pragmas.global, f) &&
      !silences(pragmas.byLine.get(f.line), f) &&
      !silences(config.ignore, f),
  );
  for (const { name, line } of pragmas.unknown) {
    findings.push({
      file,
      line,
      column: 1,
      endLine: line,
      rule: "dockerfile-syntax",
      severity: "warning",
      hadolint: [],
      message: `ignore pragma names unknown rule "${name}"`,
    });
  }
  return findings
    .map((f) => ({ ...f, severity: severityOf(f, config, pragmas.checkErrors) }))
    .sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

/** Config overrides by rule id, then by the finding's code; `# check=error=true` makes BuildKit checks errors. */
function severityOf(f: LintFinding, config: LintConfig, checkErrors: boolean): Severity {
  const byCode = f.hadolint.map((c) => config.severity.get(c)).find((s) => s !== undefined);
  const set = config.severity.get(f.rule) ?? byCode;
  if (set) return set;
  return checkErrors && f.check !== undefined ? "error" : f.severity;
}

/** True when a finding is at or above the threshold (exit code 1). */
export function failsThreshold(
  findings: readonly { severity: Severity }[],
  threshold: Threshold,
): boolean {
  return threshold !== "none" && findings.some((f) => atLeast(f.severity, threshold));
}
