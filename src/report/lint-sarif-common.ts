import type { Result } from "sarif";
import type { Severity } from "../model/finding.js";

// What the two SARIF logs share: `ballast lint`'s (lint-sarif.ts) and the image's (sarif.ts).
// Named lint-* because lint reporters may import only lint-* siblings (test/lint/boundaries.test.ts).

/** SARIF result level for each ballast severity. */
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

/** A rule's `name`: its id in PascalCase (`apt-no-clean` → `AptNoClean`). */
export function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase());
}

/** A path as a URI relative to the checkout root (`%SRCROOT%`), which code-scanning consumers resolve themselves. */
export function relativeUri(file: string): string {
  return file.replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");
}
