import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import type { Fix } from "../fix/edits.js";
import type { Finding } from "../model/finding.js";
import {
  formatMessage,
  type BuildContext,
  type Rule,
  type RuleSettings,
  type Visitors,
} from "../rules/rule.js";

/** A Dockerfile finding; `fix` is filled by rules that can offer one. */
export interface LintFinding extends Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  hadolint: string[];
  /** The BuildKit check this finding is, if any. */
  check?: string;
  fix?: Fix;
}

/** Runs every rule in one walk over the instructions (DESIGN.md habit 8). */
export function runRules(
  dockerfile: Dockerfile,
  rules: readonly Rule[],
  buildContext: BuildContext,
  file: string,
  settings: RuleSettings = {},
): LintFinding[] {
  const findings: LintFinding[] = [];
  const active = rules.map((rule) => {
    const visitors: Visitors = rule.create({
      dockerfile,
      buildContext,
      settings,
      report: ({ instr, line, messageId, data, fix, hadolint, check }) => {
        const at = instr ?? {
          line: line ?? 1,
          column: 1,
          endLine: line ?? 1,
          endColumn: undefined,
        };
        findings.push({
          file,
          line: at.line,
          column: at.column,
          endLine: at.endLine,
          ...(at.endColumn !== undefined ? { endColumn: at.endColumn } : {}),
          rule: rule.id,
          severity: rule.meta.severity,
          message: formatMessage(rule.messages[messageId], data),
          hadolint: hadolint === undefined ? rule.meta.hadolint : hadolint ? [hadolint] : [],
          ...((check ?? rule.meta.checks?.[0]) ? { check: check ?? rule.meta.checks?.[0] } : {}),
          ...(fix ? { fix } : {}),
        });
      },
    });
    return { rule, visitors };
  });
  // Handlers per keyword in rule order, so each instruction looks up one list instead of asking every rule.
  const byKeyword = new Map<string, { rule: Rule; fn: (instr: Instruction) => void }[]>();
  const everyKeyword: { rule: Rule; fn: (instr: Instruction) => void }[] = [];
  for (const { rule, visitors } of active) {
    for (const [key, fn] of Object.entries(visitors)) {
      if (key === "end" || typeof fn !== "function") continue;
      const entry = { rule, fn: fn as (instr: Instruction) => void };
      if (key === "*") everyKeyword.push(entry);
      else {
        const list = byKeyword.get(key) ?? [];
        list.push(entry);
        byKeyword.set(key, list);
      }
    }
  }
  const merged = new Map<string, { rule: Rule; fn: (instr: Instruction) => void }[]>();
  const handlersFor = (keyword: string) => {
    let list = merged.get(keyword);
    if (!list) merged.set(keyword, (list = [...(byKeyword.get(keyword) ?? []), ...everyKeyword]));
    return list;
  };
  for (const instr of dockerfile.instructions) {
    for (const { rule, fn } of handlersFor(instr.keyword)) {
      try {
        fn(instr);
      } catch (err) {
        throw ruleFailure(rule, instr.line, err);
      }
    }
  }
  for (const { rule, visitors } of active) {
    try {
      visitors.end?.();
    } catch (err) {
      throw ruleFailure(rule, 0, err);
    }
  }
  return findings.sort(
    (a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

/** A rule bug, reported with the rule and line rather than as a bare stack trace. */
function ruleFailure(rule: Rule, line: number, err: unknown): Error {
  const where = line > 0 ? ` at line ${line}` : "";
  return new Error(
    `rule ${rule.id} failed${where}: ${err instanceof Error ? err.message : String(err)}`,
    { cause: err },
  );
}
