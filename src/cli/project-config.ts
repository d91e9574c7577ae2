import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { InputError } from "../model/errors.js";

/** File names searched upward from the working directory (the ones `ballast lint` reads). */
const CONFIG_FILES = [".ballast.yaml", ".ballast.yml"];

/** Keys of the `cost:` section: the cost flags' names without dashes. */
export const COST_KEYS = [
  "storage-price",
  "tags",
  "egress-price",
  "nodes",
  "deploys",
  "bandwidth",
  "currency",
] as const;

/**
 * The `cost:` and `ci:` sections of .ballast.yaml (the `lint:` section belongs to `ballast
 * lint`). Values stay text here and are validated like the flags they stand for.
 */
export interface ProjectSections {
  source?: string;
  cost: Partial<Record<(typeof COST_KEYS)[number], string>>;
  /** Gate settings in `.dive-ci` rule names (lowestEfficiency, maxCompressedSize…). */
  ci: Record<string, string>;
}

/** Finds .ballast.yaml upward from `cwd` and reads its cost and ci sections; empty when absent. */
export async function loadProjectSections(cwd: string): Promise<ProjectSections> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const file = join(dir, name);
      const text = await readFile(file, "utf8").catch(() => undefined);
      if (text !== undefined) return parseSections(text, file);
    }
    if (dirname(dir) === dir) return { cost: {}, ci: {} };
  }
}

export async function parseSections(text: string, source: string): Promise<ProjectSections> {
  const { parse } = await import("yaml");
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new InputError(`${source}: invalid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const root = (doc ?? {}) as Record<string, unknown>;
  const cost = section(root.cost, "cost", source);
  for (const key of Object.keys(cost)) {
    if (!(COST_KEYS as readonly string[]).includes(key))
      throw new InputError(
        `${source}: cost: unknown key "${key}" (known: ${COST_KEYS.join(", ")})`,
      );
  }
  return { source, cost, ci: section(root.ci, "ci", source) };
}

function section(value: unknown, name: string, source: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw new InputError(`${source}: "${name}" must be a mapping`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || typeof v === "object")
      throw new InputError(`${source}: ${name}.${k} needs a single value`);
    out[k] = String(v);
  }
  return out;
}
