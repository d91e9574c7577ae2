/** hadolint's config file (`.hadolint.yaml`), read as it is so teams can switch without rewriting it (issue 17). */
import { z } from "zod";
import { InputError } from "../model/errors.js";
import type { Severity } from "../model/finding.js";
import { emptyConfig, resolveRuleNames, type LintConfig } from "./config.js";

const codes = z.array(z.string());
const schema = z
  .object({
    ignored: codes.optional(),
    "failure-threshold": z.enum(["error", "warning", "info", "style", "ignore", "none"]).optional(),
    override: z
      .object({
        error: codes.optional(),
        warning: codes.optional(),
        info: codes.optional(),
        style: codes.optional(),
      })
      .strict()
      .optional(),
    trustedRegistries: z.union([z.string(), codes]).optional(),
    "label-schema": z.record(z.string(), z.string()).optional(),
    "strict-labels": z.boolean().optional(),
    "disable-ignore-pragma": z.boolean().optional(),
    "no-fail": z.boolean().optional(),
    // Output settings: ballast's own flags decide these; accepted so the file loads.
    "no-color": z.boolean().optional(),
    format: z.string().optional(),
    verbose: z.boolean().optional(),
  })
  .strict();

const HADOLINT_KEYS = new Set([
  "ignored",
  "override",
  "trustedRegistries",
  "label-schema",
  "strict-labels",
  "disable-ignore-pragma",
  "no-fail",
  "no-color",
  "format",
  "failure-threshold",
]);

/** True when parsed YAML has hadolint's top-level keys and none of ballast's sections. */
export function looksHadolint(data: unknown): boolean {
  if (!data || typeof data !== "object" || Array.isArray(data)) return false;
  const keys = Object.keys(data);
  return (
    !keys.some((k) => k === "lint" || k === "cost" || k === "ci") &&
    keys.some((k) => HADOLINT_KEYS.has(k))
  );
}

/** Validates a hadolint config and maps it onto ballast's: codes stay codes, matched per finding. */
export function parseHadolintConfig(data: unknown, source: string): LintConfig {
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success)
    throw new InputError(`${source}: ${z.prettifyError(parsed.error).replace(/\n/g, " ")}`);
  const h = parsed.data;
  const config: LintConfig = { ...emptyConfig(), source };
  for (const id of resolveRuleNames(h.ignored ?? [], source, config.notices)) config.ignore.add(id);
  for (const level of ["error", "warning", "info", "style"] as Severity[]) {
    for (const id of resolveRuleNames(h.override?.[level] ?? [], source, config.notices))
      config.severity.set(id, level);
  }
  const threshold = h["failure-threshold"];
  if (threshold) config.failureThreshold = threshold === "ignore" ? "none" : threshold;
  if (h["no-fail"]) config.failureThreshold = "none";
  if (h.trustedRegistries) config.settings.trustedRegistries = [h.trustedRegistries].flat();
  if (h["label-schema"]) config.settings.labelSchema = h["label-schema"];
  if (h["strict-labels"]) config.settings.strictLabels = true;
  if (h["disable-ignore-pragma"]) config.noPragmas = true;
  return config;
}
