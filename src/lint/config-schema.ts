/** The checked shape of `.ballast.yaml`, loaded by config.ts only when a config file exists. */
import { z } from "zod";
import { InputError } from "../model/errors.js";
import { SEVERITIES } from "../model/finding.js";
import { emptyConfig, resolveEnableNames, resolveRuleNames, type LintConfig } from "./config.js";

const severityOrOff = z.enum([...SEVERITIES, "off"]);
const lintSection = z
  .object({
    ignore: z.array(z.string()).optional(),
    enable: z.array(z.string()).optional(),
    severity: z.record(z.string(), severityOrOff).optional(),
    "failure-threshold": z.enum([...SEVERITIES, "none"]).optional(),
    "trusted-registries": z.array(z.string()).optional(),
    "label-schema": z.record(z.string(), z.string()).optional(),
    "strict-labels": z.boolean().optional(),
  })
  .strict();
// `cost:` and `ci:` belong to other commands, which check their contents; a misspelt section is an error here (issue 17).
const fileSchema = z
  .object({
    lint: lintSection.optional(),
    cost: z.unknown().optional(),
    ci: z.unknown().optional(),
  })
  .strict();

/** Validates parsed YAML; errors name the file and the offending key. */
export function parseConfig(data: unknown, source: string): LintConfig {
  const parsed = fileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new InputError(`${source}: ${z.prettifyError(parsed.error).replace(/\n/g, " ")}`);
  }
  const lint = parsed.data.lint ?? {};
  const config: LintConfig = { ...emptyConfig(), source };
  for (const id of resolveRuleNames(lint.ignore ?? [], source, config.notices))
    config.ignore.add(id);
  for (const id of resolveEnableNames(lint.enable ?? [], source)) config.enable.add(id);
  for (const [name, level] of Object.entries(lint.severity ?? {})) {
    for (const id of resolveRuleNames([name], source, config.notices)) {
      if (level === "off") config.ignore.add(id);
      else config.severity.set(id, level);
    }
  }
  if (lint["failure-threshold"]) config.failureThreshold = lint["failure-threshold"];
  if (lint["trusted-registries"]) config.settings.trustedRegistries = lint["trusted-registries"];
  if (lint["label-schema"]) config.settings.labelSchema = lint["label-schema"];
  if (lint["strict-labels"]) config.settings.strictLabels = true;
  return config;
}
