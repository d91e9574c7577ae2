import { distroOf, hasNoPackageManager, namedBase } from "./bases.js";
import { CannotConvert, type BaseKind, type Language } from "./model.js";
import { guessRuntimePackages, toApk } from "./packages.js";
import { emptyPlan, type Plan } from "./plan.js";
import type { StageFacts } from "./stage.js";

/**
 * A runtime stage for programs that load shared libraries: the builder's distribution, slim
 * (issue 14), with the libraries' packages, or the `--base` the user asked for. `extra` are
 * packages the language needs besides libraries (python3, nodejs, a JRE).
 */
export function runtimeForNative(
  facts: StageFacts,
  kind: BaseKind,
  language: Language,
  extra: string[] = [],
  opts: { libraries?: string[]; cxx?: boolean; javaVersion?: string } = {},
): Plan {
  const distro = distroOf(facts.stage.image);
  if (kind === "scratch")
    throw new CannotConvert(
      "the program needs a libc and shared libraries: scratch has none; use --base slim",
    );
  const libs = opts.libraries ?? guessLibraries(facts, opts.cxx ?? false);
  if (kind === "slim") {
    if (!distro)
      throw new CannotConvert(
        `cannot tell the distribution of ${facts.stage.image.raw}, so not its slim base`,
      );
    const plan = emptyPlan(language, kind, distro.slim);
    plan.pm = distro.pm;
    const wanted = [...extra, ...libs];
    plan.packages = distro.pm === "apk" ? toApk(wanted).names : wanted;
    return plan;
  }
  const base = namedBase(kind, language, { static: false, javaVersion: opts.javaVersion });
  if (!base) throw new CannotConvert(`no ${kind} base for ${language}`);
  const plan = emptyPlan(language, kind, base);
  if (base.endsWith("wolfi-base")) {
    const mapped = toApk([...extra, ...libs]);
    plan.pm = "apk";
    plan.packages = mapped.names;
    if (mapped.unmapped.length > 0)
      plan.caveats.push(`no Wolfi name known for ${mapped.unmapped.join(", ")}: kept as written`);
  } else if (libs.length > 0 && hasNoPackageManager(base)) {
    plan.caveats.push(`${base} has no package manager: ${libs.join(", ")} must already be in it`);
  }
  if (base.includes("chainguard") && language === "python")
    plan.caveats.push(
      "Chainguard's python must be the version the venv was built with (use its -dev image as the builder)",
    );
  return plan;
}

function guessLibraries(facts: StageFacts, cxx: boolean): string[] {
  return facts.apk.length > 0 && facts.apt.length === 0
    ? facts.apk
        .filter((p) => p.endsWith("-dev"))
        .map((p) => p.replace(/-dev$/, ""))
        .concat(cxx ? ["libstdc++"] : [])
    : guessRuntimePackages(facts.apt, cxx);
}
