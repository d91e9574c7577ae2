import pc from "picocolors";
import type { CostEstimate } from "../analysis/cost.js";
import { assumptions, costRows } from "./cost-format.js";

/** The cost section appended to `ballast analyze --cost` text output. */
export function renderCostText(e: CostEstimate, o: { color: boolean; currency?: string }): string {
  const c = pc.createColors(o.color);
  const rows = costRows(e, o.currency).map(([k, v]) => `  ${k.padEnd(17)}${v}`);
  return (
    [`${c.bold("Cost")}  ${c.dim(assumptions(e.inputs, o.currency))}`, ...rows].join("\n") + "\n"
  );
}
