import { readFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../model/errors.js";
import type { Severity } from "../model/finding.js";
import { findRule, rulesForHadolint } from "../rules/index.js";
import type { RuleSettings } from "../rules/rule.js";
import { FOREIGN_CODE } from "./pragmas.js";

/*
 * The settings, and where they come from. Checking a file's contents takes zod (70 ms to
 * import), so that lives in config-schema.ts and loads only when a config file is found:
 * `ballast lint` with no .ballast.yaml, and analyze's lint of the image history, skip it.
 */

/** File names searched upward from the Dockerfile's directory. */
export const CONFIG_FILES = [".ballast.yaml", ".ballast.yml"];
/** hadolint's own config files, read when no .ballast.yaml is nearer (a drop-in; issue 17). */
export const HADOLINT_FILES = [".hadolint.yaml", ".hadolint.yml"];

export type Threshold = Severity | "none";

/** The `lint:` section of .ballast.yaml (or a .hadolint.yaml), resolved to rule ids and codes. */
export interface LintConfig {
  /** Rule ids, and upper-cased hadolint codes / check names, switched off. */
  ignore: Set<string>;
  /** Opt-in rules switched on. */
  enable: Set<string>;
  /** Severity by rule id or upper-cased code. */
  severity: Map<string, Severity>;
  failureThreshold?: Threshold;
  /** Settings some rules read (trusted registries, label schema). */
  settings: RuleSettings;
  /** hadolint's `disable-ignore-pragma`: inline pragmas are not honoured. */
  noPragmas?: boolean;
  /** One-line notices for the user (hadolint codes ballast does not implement). */
  notices: string[];
  /** Where the settings came from, for messages. */
  source?: string;
}

export function emptyConfig(): LintConfig {
  return { ignore: new Set(), enable: new Set(), severity: new Map(), settings: {}, notices: [] };
}

/**
 * Names for `ignore`/`severity`: rule ids stay, hadolint codes and check names become their
 * upper-cased selves (matched per finding), a hadolint or ShellCheck code no rule implements is
 * skipped with a notice; anything else is an error.
 */
export function resolveRuleNames(
  names: readonly string[],
  where: string,
  notices: string[] = [],
): string[] {
  return names.flatMap((name) => {
    if (findRule(name)) return [name];
    if (rulesForHadolint(name).length > 0) return [name.toUpperCase()];
    if (FOREIGN_CODE.test(name)) {
      notices.push(
        `${where}: ${name.toUpperCase()} is not implemented by ballast; nothing to ignore`,
      );
      return [];
    }
    throw new InputError(`${where}: unknown rule "${name}" (run \`ballast rules\` for the list)`);
  });
}

/** Rule ids for `enable`: a code enables the rules that answer to it. */
export function resolveEnableNames(names: readonly string[], where: string): string[] {
  return names.flatMap((name) => {
    if (findRule(name)) return [name];
    const rules = rulesForHadolint(name);
    if (rules.length > 0) return rules.map((r) => r.id);
    throw new InputError(`${where}: unknown rule "${name}" (run \`ballast rules\` for the list)`);
  });
}

/** Loads a config file given explicitly: hadolint's format when named so or shaped so, else ballast's. */
export async function loadConfigFile(file: string): Promise<LintConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new InputError(
      `cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  return parseAny(await parseYaml(text, file), file);
}

async function parseAny(data: unknown, file: string): Promise<LintConfig> {
  if (
    /hadolint/i.test(path.basename(file)) ||
    (await import("./hadolint-config.js")).looksHadolint(data)
  )
    return (await import("./hadolint-config.js")).parseHadolintConfig(data, file);
  return (await import("./config-schema.js")).parseConfig(data, file);
}

/**
 * Finds the nearest config upward from `dir`: in each directory .ballast.yaml wins over
 * .hadolint.yaml; with neither anywhere, hadolint's user config (`$XDG_CONFIG_HOME/hadolint.yaml`,
 * `~/.config/hadolint.yaml`). An empty config when there is none.
 */
export async function findConfig(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LintConfig> {
  const found = await (await searcher()).search(dir);
  if (found) return parseAny(found.config, found.filepath);
  const user = await userHadolintConfig(env);
  return user ?? emptyConfig();
}

let userConfig: Promise<LintConfig | null> | undefined;

function userHadolintConfig(env: NodeJS.ProcessEnv): Promise<LintConfig | null> {
  userConfig ??= (async () => {
    const base = env.XDG_CONFIG_HOME || (env.HOME ? path.join(env.HOME, ".config") : null);
    if (!base) return null;
    for (const name of ["hadolint.yaml", "hadolint.yml"]) {
      const file = path.join(base, name);
      const text = await readFile(file, "utf8").catch(() => null);
      if (text !== null)
        return (await import("./hadolint-config.js")).parseHadolintConfig(
          await parseYaml(text, file),
          file,
        );
    }
    return null;
  })();
  return userConfig;
}

let searching:
  | Promise<{ search(dir: string): Promise<{ config: unknown; filepath: string } | null> }>
  | undefined;

/** One searcher per process: lilconfig caches directory lookups, which matters when linting many files. */
function searcher() {
  searching ??= import("lilconfig").then(({ lilconfig }) =>
    lilconfig("ballast", {
      searchPlaces: [...CONFIG_FILES, ...HADOLINT_FILES],
      loaders: {
        ".yaml": (file, text) => parseYaml(text, file),
        ".yml": (file, text) => parseYaml(text, file),
      },
      stopDir: path.parse(process.cwd()).root,
    }),
  );
  return searching;
}

/** Forgets cached config lookups, so the next findConfig re-reads the files (the editor server, where configs change while it runs). */
export function clearConfigCache(): void {
  searching = undefined;
  userConfig = undefined;
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
  const settings = { ...base.settings };
  const o = over.settings ?? {};
  if (o.trustedRegistries?.length)
    settings.trustedRegistries = [
      ...(base.settings.trustedRegistries ?? []),
      ...o.trustedRegistries,
    ];
  if (o.labelSchema) settings.labelSchema = { ...base.settings.labelSchema, ...o.labelSchema };
  if (o.strictLabels) settings.strictLabels = true;
  return {
    ignore: new Set([...base.ignore, ...(over.ignore ?? [])]),
    enable: new Set([...base.enable, ...(over.enable ?? [])]),
    severity: new Map([...base.severity, ...(over.severity ?? [])]),
    failureThreshold: over.failureThreshold ?? base.failureThreshold,
    settings,
    noPragmas: base.noPragmas,
    notices: [...base.notices, ...(over.notices ?? [])],
    source: base.source,
  };
}
