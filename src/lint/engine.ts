import type { Dockerfile } from "../dockerfile/model.js";
import type { Fix } from "../fix/edits.js";
import type { Finding } from "../model/finding.js";
import { formatMessage, type BuildContext, type Rule, type Visitors } from "../rules/rule.js";

/** A Dockerfile finding; `fix` is filled by rules that can offer one. */
export interface LintFinding extends Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  hadolint: string[];
  fix?: Fix;
}

/** Runs every rule in one walk over the instructions (DESIGN.md habit 8). */
export function runRules(
  dockerfile: Dockerfile,
  rules: readonly Rule[],
  buildContext: BuildContext,
  file: string,
): LintFinding[] {
  const findings: LintFinding[] = [];
  const active = rules.map((rule) => {
    const visitors: Visitors = rule.create({
      dockerfile,
      buildContext,
      report: ({ instr, line, messageId, data, fix }) => {
        const at = instr ?? { line: line ?? 1, column: 1, endLine: line ?? 1, endColumn: undefined };
        findings.push({
          file,
          line: at.line,
          column: at.column,
          endLine: at.endLine,
          ...(at.endColumn !== undefined ? { endColumn: at.endColumn } : {}),
          rule: rule.id,
          severity: rule.meta.severity,
          message: formatMessage(rule.messages[messageId], data),
          hadolint: rule.meta.hadolint,
          ...(fix ? { fix } : {}),
        });
      },
    });
    return { rule, visitors };
  });
  for (const instr of dockerfile.instructions) {
    for (const { rule, visitors } of active) {
      guard(rule, instr.line, () => {
        visitors[instr.keyword]?.(instr);
        visitors["*"]?.(instr);
      });
    }
  }
  for (const { rule, visitors } of active) guard(rule, 0, () => visitors.end?.());
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

function guard(rule: Rule, line: number, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    const where = line > 0 ? ` at line ${line}` : "";
    throw new Error(`rule ${rule.id} failed${where}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}
