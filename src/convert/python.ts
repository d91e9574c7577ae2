import path from "node:path/posix";
import { flagValues, positionals } from "../dockerfile/query.js";
import { isPipInstall } from "../rules/packages.js";
import { distroOf, prefixOf } from "./bases.js";
import { CannotConvert, type ConvertOptions } from "./model.js";
import { runtimeForNative } from "./native.js";
import { addToAptInstall, carryUser, type Plan } from "./plan.js";
import { startProgram } from "./program.js";
import { appDirs } from "./app-files.js";
import type { RunCommand, StageFacts } from "./stage.js";

const BUILD_DEPS = /^(gcc|g\+\+|clang|build-essential|build-base|make|python3?-dev|.+-dev)$/;

/** Python with build dependencies: a venv built in the builder, copied onto an interpreter-only runtime (docs/guide.md#2-multi-stage-builds). */
export function planPython(facts: StageFacts, opts: ConvertOptions): Plan {
  const pips = facts.commands.filter((c) => isPipInstall(c.cmd));
  if (pips.length === 0) throw new CannotConvert("no pip install in a RUN");
  const buildDeps = [...facts.apt, ...facts.apk].filter((p) => BUILD_DEPS.test(p));
  if (buildDeps.length === 0 && facts.stage.image.name !== "python")
    throw new CannotConvert(
      "pip installs without build dependencies (gcc, *-dev): a builder stage would leave nothing behind",
    );
  if (
    pips.some(
      (p) =>
        flagValues(p.cmd, "--prefix", "--root").length > 0 ||
        p.cmd.args.some((a) => a.value === "--user"),
    )
  )
    throw new CannotConvert(
      "pip installs with --user/--prefix/--root: where the packages go is not one directory",
    );
  startProgram(facts);
  const official = facts.stage.image.name === "python";
  const kind = opts.base ?? "slim";
  const plan = runtimeForNative(facts, kind, "python", official ? [] : ["python3"], {
    libraries: opts.runtimeLibraries,
  });
  if (kind === "slim" && official) plan.base = pythonSlim(facts);
  const target = pips.map((p) => flagValues(p.cmd, "--target", "-t")[0]).find(Boolean);
  const venv = target ? null : (existingVenv(facts) ?? addVenv(facts, plan, pips[0], official));
  if (target) {
    const dir = path.resolve(pips[0].workdir, target);
    plan.copies.push({ from: dir, to: dir, why: "the packages pip installed with --target" });
  } else if (venv) {
    plan.copies.push({
      from: venv,
      to: venv,
      why: "the virtualenv with the installed packages (built with the build dependencies)",
    });
    plan.nativeArtifacts.push(venv);
  }
  for (const dir of appDirs(facts, venv ? [venv] : []))
    plan.copies.push({ from: dir, to: dir, why: "the application files the program runs" });
  if (distroOf(facts.stage.image)?.family === "alpine" || plan.base.includes("alpine"))
    plan.caveats.push("musl: wheels built for glibc do not load on Alpine");
  carryUser(facts, plan);
  return plan;
}

function pythonSlim(facts: StageFacts): string {
  const tag = facts.stage.image.tag ?? "3";
  const [version, ...variant] = tag.replace(/-slim/, "").split("-");
  if (variant.some((v) => v.startsWith("alpine"))) return facts.stage.image.raw;
  const suffix = variant.length > 0 ? `-slim-${variant.join("-")}` : "-slim";
  return `${prefixOf(facts.stage.image)}python:${version === "latest" ? "slim" : `${version}${suffix}`}`;
}

function existingVenv(facts: StageFacts): string | null {
  for (const c of facts.commands) {
    const args = positionals(c.cmd);
    if (
      ["python", "python3"].includes(c.cmd.name) &&
      c.cmd.args.some((a) => a.value === "-m") &&
      args[0] === "venv" &&
      args[1]
    )
      return path.resolve(c.workdir, args[1]);
    if (c.cmd.name === "virtualenv" && args[0]) return path.resolve(c.workdir, args[0]);
  }
  return null;
}

/** pip installed system-wide: the builder makes a venv first, so that the packages sit in one directory. */
function addVenv(facts: StageFacts, plan: Plan, pip: RunCommand, official: boolean): string {
  const venv = "/opt/venv";
  if (
    !official &&
    distroOf(facts.stage.image)?.pm === "apt" &&
    !addToAptInstall(facts, plan, ["python3-venv"])
  )
    throw new CannotConvert(
      "pip installs system-wide and there is no apt-get install to add python3-venv to",
    );
  if (pip.instr.json) throw new CannotConvert("pip runs in an exec-form RUN");
  // In the same RUN as pip, after whatever installed python3; PATH makes pip the venv's.
  const at = pip.instr.span.start;
  plan.builderEdits.push(
    { start: at, end: at, text: `ENV PATH=${venv}/bin:$PATH\n` },
    { start: pip.cmd.span.start, end: pip.cmd.span.start, text: `python3 -m venv ${venv} && ` },
  );
  plan.builderChanges.push(`installs the Python packages into a virtualenv (${venv})`);
  plan.setup.push(`ENV PATH=${venv}/bin:$PATH`);
  return venv;
}
