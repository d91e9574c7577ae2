import { readFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../model/errors.js";
import type { Severity } from "../model/finding.js";
import { findRule, rulesForHadolint } from "../rules/index.js";

/*
 * The settings, and where they come from. Checking a file's contents takes zod (70 ms to
 * import), so that lives in config-schema.ts and loads only when a config file is found:
 * `ballast lint` with no .ballast.yaml, and analyze's lint of the image history, skip it.
 */

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
  return (await import("./config-schema.js")).parseConfig(await parseYaml(text, file), file);
}

/** Finds .ballast.yaml upward from `dir`; an empty config when there is none. */
export async function findConfig(dir: string): Promise<LintConfig> {
  const found = await (await searcher()).search(dir);
  if (!found) return emptyConfig();
  return (await import("./config-schema.js")).parseConfig(found.config, found.filepath);
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
