import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { InputError } from "../model/errors.js";
import { SEVERITIES, type Severity } from "../model/finding.js";
import { findRule, rulesForHadolint } from "../rules/index.js";

/** File names searched upward from the Dockerfile's directory. */
export const CONFIG_FILES = [".ballast.yaml", ".ballast.yml"];

export type Threshold = Severity | "none";

/** The `lint:` section of .ballast.yaml, resolved to rule ids. */
export interface LintConfig {
  /** Rule ids switched off. */
  ignore: Set<string>;
  /** Opt-in rules switched on. */
  enable: Set<string>;
  severity: Map<string, Severity>;
  failureThreshold?: Threshold;
  /** Where the settings came from, for messages. */
  source?: string;
}

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

export function emptyConfig(): LintConfig {
  return { ignore: new Set(), enable: new Set(), severity: new Map() };
}

/** Rule ids for a rule id or hadolint code; throws on names that match nothing. */
export function resolveRuleNames(names: readonly string[], where: string): string[] {
  return names.flatMap((name) => {
    if (findRule(name)) return [name];
    const byCode = rulesForHadolint(name);
    if (byCode.length > 0) return byCode.map((r) => r.id);
    throw new InputError(`${where}: unknown rule "${name}" (run \`ballast rules\` for the list)`);
  });
}

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

/** Loads a config file given explicitly. */
export async function loadConfigFile(file: string): Promise<LintConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new InputError(
      `cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  return parseConfig(await parseYaml(text, file), file);
}

/** Finds .ballast.yaml upward from `dir`; an empty config when there is none. */
export async function findConfig(dir: string): Promise<LintConfig> {
  const found = await (await searcher()).search(dir);
  return found ? parseConfig(found.config, found.filepath) : emptyConfig();
}

let searching:
  | Promise<{ search(dir: string): Promise<{ config: unknown; filepath: string } | null> }>
  | undefined;

/** One searcher per process: lilconfig caches directory lookups, which matters when linting many files. */
function searcher() {
  searching ??= import("lilconfig").then(({ lilconfig }) =>
    lilconfig("ballast", {
      searchPlaces: CONFIG_FILES,
      loaders: {
        ".yaml": (file, text) => parseYaml(text, file),
        ".yml": (file, text) => parseYaml(text, file),
      },
      stopDir: path.parse(process.cwd()).root,
    }),
  );
  return searching;
}

async function parseYaml(text: string, file: string): Promise<unknown> {
  const { parse } = await import("yaml");
  try {
    return parse(text) as unknown;
  } catch (err) {
    throw new InputError(
      `${file}: invalid YAML: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
    );
  }
}

/** Later settings win: file ← flags (DESIGN.md habit 13). */
export function mergeConfig(base: LintConfig, over: Partial<LintConfig>): LintConfig {
  return {
    ignore: new Set([...base.ignore, ...(over.ignore ?? [])]),
    enable: new Set([...base.enable, ...(over.enable ?? [])]),
    severity: new Map([...base.severity, ...(over.severity ?? [])]),
    failureThreshold: over.failureThreshold ?? base.failureThreshold,
    source: base.source,
  };
}
