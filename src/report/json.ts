import type { ImageReport } from "../model/report.js";

/** The analysis as JSON; its shape is documented by schema/analyze.schema.json. */
export function renderJson(report: ImageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
