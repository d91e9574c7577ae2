import pc from "picocolors";
import type { GateOutcome, GateResult } from "../analysis/gate.js";
import type { ImageReport } from "../model/report.js";
import { humanBytes } from "./units.js";
import { terminalSafe } from "../model/terminal-text.js";

export interface GateTextOptions {
  color: boolean;
  /** Where the thresholds came from ("dive defaults", ".dive-ci + flags"). */
  source?: string;
  /** Inefficient files listed, as dive's CI report does (default 10). */
  top?: number;
}

/** The CI verdict in dive's shape (inefficient files, then one line per rule, then the tally). */
export function renderGateText(
  unsafeReport: ImageReport,
  unsafeOutcome: GateOutcome,
  o: GateTextOptions,
): string {
  const [report, outcome] = terminalSafe([unsafeReport, unsafeOutcome] as const);
  const c = pc.createColors(o.color);
  const top = o.top ?? 10;
  const files = report.dive.inefficientFiles;
  const lines = [
    `${c.bold("Image")}  ${report.image.reference}`,
    ...(o.source ? [`${c.bold("Rules")}  ${o.source}`] : []),
    "",
    c.bold("Inefficient files (dive):"),
    `  ${"Count".padStart(5)}  ${"Wasted Space".padStart(12)}  File Path`,
    ...(files.length
      ? files
          .slice(0, top)
          .map(
            (f) =>
              `  ${String(f.count).padStart(5)}  ${humanBytes(f.size).padStart(12)}  ${f.path}`,
          )
      : ["  None"]),
    ...(files.length > top ? [`  … ${files.length - top} more`] : []),
    "",
    ...gateLines(outcome, o.color),
  ];
  return `${lines.join("\n")}\n`;
}

/** The per-rule lines and the tally, also appended to `ballast analyze --ci` text output. */
export function gateLines(unsafeOutcome: GateOutcome, color: boolean): string[] {
  const outcome = terminalSafe(unsafeOutcome);
  const c = pc.createColors(color);
  return [
    c.bold("Results:"),
    ...outcome.results.map(
      (r) => `  ${status(r, c)}: ${r.rule}${r.message ? `: ${r.message}` : ""}`,
    ),
    "",
    summary(outcome, c),
  ];
}

function status(r: GateResult, c: ReturnType<typeof pc.createColors>): string {
  if (r.status === "FAIL") return c.bold(c.red("FAIL"));
  if (r.status === "SKIP") return c.dim("SKIP");
  return c.green("PASS");
}

/** dive's closing line: `Result:PASS [Total:3] [Passed:3] [Failed:0] [Warn:0] [Skipped:0]`. */
export function summary(outcome: GateOutcome, c = pc.createColors(false)): string {
  const t = outcome.tally;
  const line = `Result:${outcome.pass ? "PASS" : "FAIL"} [Total:${t.total}] [Passed:${t.pass}] [Failed:${t.fail}] [Warn:0] [Skipped:${t.skip}]`;
  return outcome.pass ? c.green(line) : c.red(line);
}
