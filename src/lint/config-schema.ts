/** The checked shape of `.ballast.yaml`, loaded by config.ts only when a config file exists. */
import { z } from "zod";
import { InputError } from "../model/errors.js";
import { SEVERITIES } from "../model/finding.js";
import { emptyConfig, resolveRuleNames, type LintConfig } from "./config.js";

const severityOrOff = z.enum([...SEVERITIES, "off"]);
const lintSection = z
  .object({
    ignore: z.array(z.string()).optional(),
    enable: z.array(z.string()).optional(),
    severity: z.record(z.string(), severityOrOff).optional(),
    "failure-threshold": z.enum([...SEVERITIES, "none"]).optional(),
  })
  .strict();
// Other top-level sections belong to other commands, so only `lint` is checked strictly.
const fileSchema = z.object({ lint: lintSection.optional() }).passthrough();

/** Validates parsed YAML; errors name the file and the offending key. */
export function parseConfig(data: unknown, source: string): LintConfig {
  const parsed = fileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new InputError(`${source}: ${z.prettifyError(parsed.error).replace(/\n/g, " ")}`);
  }
  const lint = parsed.data.lint ?? {};
  const config: LintConfig = { ...emptyConfig(), source };
  for (const id of resolveRuleNames(lint.ignore ?? [], source)) config.ignore.add(id);
  for (const id of resolveRuleNames(lint.enable ?? [], source)) config.enable.add(id);
  for (const [name, level] of Object.entries(lint.severity ?? {})) {
    for (const id of resolveRuleNames([name], source)) {
      if (level === "off") config.ignore.add(id);
      else config.severity.set(id, level);
    }
  }
  if (lint["failure-threshold"]) config.failureThreshold = lint["failure-threshold"];
  return config;
}
