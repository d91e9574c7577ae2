import type { FixRun } from "./fix-run.js";

/** What the fix run did, for stderr: applied fixes, rejected ones, what is left and why. */
export function renderFixSummary(run: FixRun, opts: { written: boolean; unsafe: boolean }): string {
  const { result, shown } = run;
  const lines: string[] = [];
  const n = result.applied.length;
  const verb = opts.written ? "applied" : "to apply";
  if (n === 0) lines.push(`${shown}: nothing to fix`);
  else {
    const passes = result.passes <= 1 ? "1 pass" : `${result.passes} passes`;
    lines.push(
      `${shown}: ${n} fix${n === 1 ? "" : "es"} ${verb} in ${passes}${opts.written ? ", file rewritten" : " (run with --write to apply)"}`,
    );
    for (const a of result.applied) {
      const tag = a.applicability === "unsafe" ? " [unsafe]" : "";
      lines.push(`  line ${a.line}: ${a.rule}: ${a.description}${tag}`);
    }
  }
  lines.push(...conversionLines(run));
  for (const r of result.rejected)
    lines.push(`  not applied, line ${r.line}: ${r.rule}: ${r.description} (${r.reason})`);
  if (!result.converged)
    lines.push(`  stopped after ${result.passes} passes without reaching a fixed point`);
  const unsafe = result.remaining.filter((f) => f.fix?.applicability === "unsafe");
  if (unsafe.length > 0 && !opts.unsafe) {
    const rules = [...new Set(unsafe.map((f) => f.rule))].join(", ");
    lines.push(
      `${unsafe.length} more fix${unsafe.length === 1 ? "" : "es"} with --unsafe-fixes (${rules})`,
    );
  }
  for (const f of result.remaining.filter((r) => r.fix?.applicability === "display-only")) {
    lines.push(
      `suggestion for line ${f.line} (${f.rule}, not applied: review and adapt by hand): ${f.fix?.description}`,
    );
    const text = f.fix?.edits.map((e) => e.text).join("") ?? "";
    lines.push(
      ...text
        .trimEnd()
        .split("\n")
        .map((l) => `    ${l}`),
    );
  }
  const manual = result.remaining.filter((f) => !f.fix);
  if (manual.length > 0)
    lines.push(
      `${manual.length} finding${manual.length === 1 ? "" : "s"} without an automatic fix (run \`ballast lint\` to see them)`,
    );
  return `${lines.join("\n")}\n`;
}

/** The fix run as data, for `--format json`: what was applied, what is left, the diff. */
export function fixJson(run: FixRun, opts: { written: boolean }) {
  const { result } = run;
  return {
    file: run.shown,
    changed: run.output !== run.original,
    written: opts.written,
    passes: result.passes,
    converged: result.converged,
    applied: result.applied,
    rejected: result.rejected,
    remaining: result.remaining.map((f) => ({
      rule: f.rule,
      line: f.line,
      severity: f.severity,
      message: f.message,
      fix: f.fix ? { applicability: f.fix.applicability, description: f.fix.description } : null,
    })),
    suggestions: result.remaining
      .filter((f) => f.fix?.applicability === "display-only")
      .map((f) => ({
        rule: f.rule,
        line: f.line,
        description: f.fix?.description,
        text: f.fix?.edits.map((e) => e.text).join(""),
      })),
    multiStage: run.conversion
      ? run.conversion.ok
        ? {
            converted: true,
            language: run.conversion.language,
            base: run.conversion.base,
            moved: run.conversion.moved,
            caveats: run.conversion.caveats,
          }
        : { converted: false, reason: run.conversion.reason }
      : null,
    diff: run.diff,
  };
}

/** What the multi-stage conversion did (what moved, caveats), or why it was refused. */
function conversionLines(run: FixRun): string[] {
  const c = run.conversion;
  if (!c) return [];
  if (!c.ok)
    return [
      `  not converted to multi-stage: ${c.reason}${run.multiStageAsked ? " (file left unchanged)" : ""}`,
    ];
  return [
    ...c.moved.map((m) => `    multi-stage: ${m}`),
    ...c.caveats.map((m) => `    caveat: ${m}`),
  ];
}
