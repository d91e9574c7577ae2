import type { Result } from "sarif";
import type { Severity } from "../model/finding.js";

/** SARIF result level for each ballast severity; image SARIF (sarif.ts) uses the same scale. */
export const LEVEL: Record<Severity, Result.level> = {
  error: "error",
  warning: "warning",
  info: "note",
  style: "note",
};
/** GitHub code scanning ranks security results by this property (0–10). */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  error: "8.0",
  warning: "5.0",
  info: "3.0",
  style: "1.0",
};
