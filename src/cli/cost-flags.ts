import type { Command } from "@commander-js/extra-typings";
import type { CostInputs } from "../analysis/cost.js";
import { InputError } from "../model/errors.js";

/** The cost flags, shared by `analyze --cost` and `diff`; each overrides one documented default. */
export interface CostFlags {
  storagePrice?: string;
  tags?: string;
  egressPrice?: string;
  nodes?: string;
  deploys?: string;
  bandwidth?: string;
  currency?: string;
}

export function addCostOptions<C extends Command<any, any, any>>(cmd: C): C {
  cmd
    .option("--storage-price <n>", "registry storage price per GB-month (default 0.10)")
    .option("--tags <n>", "image tags (versions) retained in the registry (default 10)")
    .option(
      "--egress-price <n>",
      "price per GB pulled by a node (default 0.09; 0 inside a free zone)",
    )
    .option("--nodes <n>", "nodes pulling the image on each deploy (default 50)")
    .option("--deploys <n>", "deploys per month (default 20)")
    .option("--bandwidth <mbit/s>", "download bandwidth per node in Mbit/s (default 100)")
    .option("--currency <symbol>", "currency symbol for prices (default $)");
  return cmd;
}

const FLAG_OF: [keyof CostFlags, keyof CostInputs, string][] = [
  ["storagePrice", "storagePricePerGBMonth", "--storage-price"],
  ["tags", "tagsRetained", "--tags"],
  ["egressPrice", "egressPricePerGB", "--egress-price"],
  ["nodes", "nodes", "--nodes"],
  ["deploys", "deploysPerMonth", "--deploys"],
  ["bandwidth", "bandwidthMbps", "--bandwidth"],
];

/**
 * Cost inputs from the flags, then the `cost:` section of .ballast.yaml found upward from
 * `cwd` (the flag wins); a value that is not a sane number is a usage error naming its source.
 */
export async function costInputsFrom(
  flags: CostFlags,
  cwd: string,
): Promise<{ inputs: Partial<CostInputs>; currency?: string }> {
  const [{ costInputProblems }, { loadProjectSections }] = await Promise.all([
    import("../analysis/cost.js"),
    import("./project-config.js"),
  ]);
  const project = await loadProjectSections(cwd);
  const inputs: Partial<CostInputs> = {};
  const problems: string[] = [];
  for (const [flag, key, name] of FLAG_OF) {
    const fileKey = name.slice(2) as keyof typeof project.cost;
    const raw = flags[flag] ?? project.cost[fileKey];
    if (raw === undefined) continue;
    const where = flags[flag] !== undefined ? name : `${project.source}: cost.${fileKey}`;
    const value = raw.trim() === "" ? Number.NaN : Number(raw);
    const bad = costInputProblems({ [key]: value });
    if (bad.length) problems.push(`${where} ${raw}: ${bad[0].replace(/^\w+ /, "")}`);
    else inputs[key] = value;
  }
  if (problems.length) throw new InputError(problems.join("; "));
  return { inputs, currency: flags.currency ?? project.cost.currency };
}
