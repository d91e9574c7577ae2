import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import type { Applicability, Fix } from "../fix/edits.js";
import type { Severity } from "../model/finding.js";

export type Category = "size" | "security" | "correctness";

/** Rule documentation under the fixed headings (DESIGN.md habit 7). */
export interface RuleDocs {
  what: string;
  why: string;
  /** A Dockerfile that triggers the rule. */
  example: string;
  /** The same Dockerfile written so the rule is satisfied. */
  useInstead: string;
  fixSafety: string;
  /** Config settings the example needs (rules that only run with a trusted-registry list or a label schema). */
  settings?: RuleSettings;
  /** The .dockerignore the example's build context has (rules about the context). */
  dockerignore?: string;
}

export interface RuleMeta {
  severity: Severity;
  category: Category;
  /** One-line summary for `ballast rules` and SARIF shortDescription. */
  summary: string;
  /** hadolint codes this rule corresponds to; their pragmas silence it. */
  hadolint: string[];
  /** BuildKit build-check names (`docker build --check`) this rule corresponds to; `# check=skip=` silences it. */
  checks?: string[];
  /** Applicability of the fix the rule can offer, or null when it has none. */
  fixable: Applicability | null;
  /** Opt-in rules (version pinning) are off unless enabled in config. */
  enabledByDefault: boolean;
  docs: RuleDocs;
}

/** What the build context looks like, for rules that need it. Gathered by the caller. */
export interface BuildContext {
  /** Content of the effective .dockerignore; null when there is none; undefined when unknown. */
  dockerignore?: string | null;
  /** Whether a context-relative path exists; unknown paths are treated as present. */
  exists?: (path: string) => boolean;
  /**
   * Whether a context file is one ADD would extract (a tar, or gzip/bzip2/xz/zstd data, read
   * from its first bytes): false for a plain file or a directory, undefined when unknown.
   */
  isArchive?: (path: string) => boolean | undefined;
}

/** Settings from the config that some rules read (hadolint's `trustedRegistries`, `label-schema`). */
export interface RuleSettings {
  /** Registries FROM may pull from; unset means any. */
  trustedRegistries?: string[];
  /** Required labels and the format of their value (`text`, `url`, `semver`, `rfc3339`, `hash`, `spdx`, `email`). */
  labelSchema?: Record<string, string>;
  /** Labels not in the schema are reported too. */
  strictLabels?: boolean;
}

export interface Report<M extends string> {
  instr?: Instruction;
  /** 1-based line when there is no instruction to point at. */
  line?: number;
  messageId: M;
  data?: Record<string, string>;
  fix?: Fix;
  /** The one hadolint code of this finding, when the rule's meta lists several (null: none applies). */
  hadolint?: string | null;
  /** The one BuildKit check name of this finding, when the rule's meta lists several. */
  check?: string;
}

export interface RuleContext<M extends string> {
  dockerfile: Dockerfile;
  buildContext: BuildContext;
  settings: RuleSettings;
  report(report: Report<M>): void;
}

/** Called per instruction keyword (`RUN`, `FROM`, … or `*` for all), then `end` once. */
export type Visitors = { [keyword: string]: ((instr: Instruction) => void) | undefined } & {
  end?: () => void;
};

export interface Rule<M extends string = string> {
  id: string;
  meta: RuleMeta;
  messages: Record<M, string>;
  create(ctx: RuleContext<M>): Visitors;
}

/** Typed identity: message ids become a checked union. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** Fills `{{name}}` placeholders. */
export function formatMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => data[key] ?? `{{${key}}}`);
}
