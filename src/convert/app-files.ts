import path from "node:path/posix";
import type { StageFacts } from "./stage.js";

/**
 * Directories of the application an interpreter runs: the final WORKDIR when files were copied
 * into it, and the directories of absolute script paths the start command names.
 */
export function appDirs(facts: StageFacts, skip: string[]): string[] {
  const dirs = new Set<string>();
  const copied = copyDestinations(facts);
  const inside = (d: string, p: string) => p === d || p.startsWith(`${d}/`);
  if (facts.workdir !== "/" && copied.some((c) => inside(facts.workdir, c)))
    dirs.add(facts.workdir);
  for (const arg of facts.argv.slice(1)) {
    if (!arg.startsWith("/") || !/\.(py|js|mjs|cjs|jar)$/.test(arg)) continue;
    const dir = path.dirname(arg);
    if (dir !== "/" && ![...dirs].some((d) => inside(d, dir))) dirs.add(dir);
  }
  return [...dirs].filter((d) => !skip.some((s) => inside(s, d) || inside(d, s)));
}

/** Where COPY/ADD from the context put files (resolved against the WORKDIR of the time). */
function copyDestinations(facts: StageFacts): string[] {
  let workdir = "/";
  const out: string[] = [];
  for (const i of facts.stage.instructions) {
    if (i.keyword === "WORKDIR") workdir = path.resolve(workdir, i.args.join(" "));
    if ((i.keyword === "COPY" || i.keyword === "ADD") && !i.flags.some((f) => f.name === "from")) {
      const args = i.json ?? i.args;
      const dest = args[args.length - 1];
      if (dest) out.push(path.resolve(workdir, dest));
    }
  }
  return out;
}
