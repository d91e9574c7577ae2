import type { Dockerfile } from "../dockerfile/model.js";
import { positionals } from "../dockerfile/query.js";
import { isPipInstall } from "../rules/packages.js";
import { C_BUILDERS, planC, UNKNOWN_BUILDS } from "./c.js";
import { planGo } from "./go.js";
import { planJava } from "./java.js";
import { CannotConvert, type ConvertOptions, type ConvertResult, type Language } from "./model.js";
import { planNode } from "./node.js";
import { checkShellNeeds, renderPlan, type Plan } from "./plan.js";
import { planPython } from "./python.js";
import { stageFacts, type StageFacts } from "./stage.js";

const PLANNERS: Record<Language, (f: StageFacts, o: ConvertOptions) => Plan> = {
  go: planGo,
  c: planC,
  python: planPython,
  node: planNode,
  java: planJava,
};

/**
 * Rewrites a single-stage Dockerfile that builds and runs software into a builder stage plus a
 * minimal runtime stage (issue 14). Pure: the text in, the text out or the reason it was refused.
 */
export function convertToMultiStage(df: Dockerfile, opts: ConvertOptions = {}): ConvertResult {
  try {
    const facts = stageFacts(df);
    const language = detectBuild(facts);
    const plan = PLANNERS[language](facts, opts);
    checkShellNeeds(facts, plan);
    return {
      ok: true,
      language,
      text: renderPlan(facts, plan),
      base: plan.base,
      baseKind: plan.baseKind,
      moved: describe(facts, plan),
      caveats: plan.caveats,
      nativeArtifacts: plan.nativeArtifacts,
      packageManager: plan.pm,
      runtimePackages: plan.packages,
    };
  } catch (err) {
    if (err instanceof CannotConvert) return { ok: false, reason: err.message };
    throw err;
  }
}

/** What the stage builds, from its RUN commands and base image; refuses when nothing is built. */
export function detectBuild(facts: StageFacts): Language {
  const names = new Set(facts.commands.map((c) => c.cmd.name));
  const sub = (name: string, ...subs: string[]) =>
    facts.commands.some((c) => c.cmd.name === name && subs.includes(positionals(c.cmd)[0] ?? ""));
  const image = facts.stage.image.name;
  const unknown = UNKNOWN_BUILDS.find((n) => names.has(n));
  if (unknown)
    throw new CannotConvert(`unknown build system ${unknown}: cannot tell what it produces`);
  if (sub("go", "build", "install")) return "go";
  if (["javac", "mvn", "mvnw", "gradle", "gradlew"].some((n) => names.has(n))) return "java";
  if (names.has("tsc") || ["npm", "yarn", "pnpm"].some((n) => names.has(n)) || image === "node")
    return "node";
  if (facts.commands.some((c) => isPipInstall(c.cmd))) return "python";
  if (C_BUILDERS.some((n) => names.has(n))) return "c";
  throw new CannotConvert(
    "no build step found (compiler, build tool, package build): nothing to leave in a builder stage",
  );
}

function describe(facts: StageFacts, plan: Plan): string[] {
  const moved = [...new Set(facts.settings.map((i) => i.keyword))];
  return [
    `runtime base ${plan.base}`,
    ...plan.copies.map((c) => `copies ${c.from}`),
    ...(plan.packages.length > 0 ? [`installs ${plan.packages.join(", ")}`] : []),
    ...(moved.length > 0 ? [`moves ${moved.join(", ")} to the runtime stage`] : []),
    ...plan.builderChanges.map((c) => `builder ${c}`),
  ];
}
