// `npm run bench`: every performance target of ballast, each against a floor measured in the same run.
import { existsSync } from "node:fs";
import { benchAnalyze } from "./analyze.js";
import { benchSlim } from "./slim.js";

const only = process.argv[2];
if (!only || only === "analyze") await benchAnalyze();
if (!only || only === "slim") await benchSlim();
for (const name of ["lint", "lint-scaling", "registry", "fleet", "explore", "html"]) {
  if (only && only !== name) continue;
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (existsSync(file)) await import(file.href);
}
