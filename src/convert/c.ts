import path from "node:path/posix";
import { flagValues, hasFlag, positionals } from "../dockerfile/query.js";
import { defaultKind } from "./bases.js";
import { CannotConvert, type ConvertOptions } from "./model.js";
import { runtimeForNative } from "./native.js";
import { carryUser, type Plan } from "./plan.js";
import { candidatesFor, startProgram } from "./program.js";
import type { RunCommand, StageFacts } from "./stage.js";

export const C_BUILDERS = [
  "make",
  "cmake",
  "gcc",
  "cc",
  "g++",
  "c++",
  "clang",
  "clang++",
  "ninja",
  "meson",
  "configure",
];
const COMPILERS = ["gcc", "cc", "g++", "c++", "clang", "clang++"];
export const UNKNOWN_BUILDS = ["bazel", "scons", "bjam", "b2", "premake", "xmake"];

/** C/C++: the same distribution's slim base plus the shared libraries the program loads (issue 14). */
export function planC(facts: StageFacts, opts: ConvertOptions): Plan {
  const builds = facts.commands.filter((c) => C_BUILDERS.includes(c.cmd.name));
  const program = startProgram(facts);
  const candidates = candidatesFor(facts, program.argv0);
  const prefixes = builds.flatMap((b) => installPrefix(facts, b));
  const outputs = builds.flatMap(compilerOutput);
  const dirs = builds.map((b) => b.workdir);
  const binary =
    candidates.find((c) => outputs.includes(c)) ??
    candidates.find((c) => prefixes.some((p) => c.startsWith(`${p}/`))) ??
    candidates.find((c) => dirs.some((d) => d !== "/" && c.startsWith(`${d}/`)));
  if (!binary)
    throw new CannotConvert(
      `the image starts ${program.argv0}, which no build step is seen to produce (make install prefix, -o output or build directory)`,
    );
  const cxx =
    facts.commands.some((c) => ["g++", "c++", "clang++", "cmake"].includes(c.cmd.name)) ||
    facts.apt.includes("g++");
  const kind = opts.base ?? defaultKind("c", { static: false });
  const plan = runtimeForNative(facts, kind, "c", [], { libraries: opts.runtimeLibraries, cxx });
  const prefix = prefixes.find((p) => binary.startsWith(`${p}/`));
  // The gcc image keeps its compiler in /usr/local: take only the program from there.
  if (prefix && facts.stage.image.name !== "gcc") {
    plan.copies.push({ from: prefix, to: prefix, why: `what the install step put in ${prefix}` });
  } else
    plan.copies.push({ from: binary, to: binary, why: "the program built in the build stage" });
  plan.nativeArtifacts.push(prefix && facts.stage.image.name !== "gcc" ? prefix : binary);
  if (!opts.runtimeLibraries)
    plan.caveats.push(
      "runtime libraries guessed from the -dev packages; `ballast fix --multi-stage --verify` finds them from the built binaries (ELF DT_NEEDED)",
    );
  carryUser(facts, plan);
  return plan;
}

/** Install prefixes of `make install`, `cmake --install`, `ninja install`, `meson install`. */
function installPrefix(facts: StageFacts, b: RunCommand): string[] {
  const args = positionals(b.cmd);
  const install =
    (["make", "ninja", "meson"].includes(b.cmd.name) && args.includes("install")) ||
    (b.cmd.name === "cmake" && hasFlag(b.cmd, "--install"));
  if (!install) return [];
  const fromArgs = b.cmd.args
    .map((a) => /^(?:PREFIX|prefix)=(.+)$/.exec(a.value)?.[1])
    .find(Boolean);
  const cmakePrefix = flagValues(b.cmd, "--prefix")[0];
  const configured = facts.commands
    .flatMap((c) =>
      c.cmd.args.map(
        (a) => /^(?:--prefix=|-DCMAKE_INSTALL_PREFIX(?::PATH)?=)(.+)$/.exec(a.value)?.[1],
      ),
    )
    .find(Boolean);
  const prefix = fromArgs ?? cmakePrefix ?? b.cmd.env.PREFIX ?? configured ?? "/usr/local";
  return [path.resolve(b.workdir, prefix)];
}

/** `gcc … -o OUT` when linking (not `-c`). */
function compilerOutput(b: RunCommand): string[] {
  if (!COMPILERS.includes(b.cmd.name) || hasFlag(b.cmd, "-c")) return [];
  const out = flagValues(b.cmd, "-o")[0];
  return [path.resolve(b.workdir, out ?? "a.out")];
}
