import type { Command, Dockerfile, Instruction } from "../dockerfile/model.js";
import {
  commandsOf,
  flagValues,
  hasFlag,
  isCall,
  positionals,
  subcommand,
} from "../dockerfile/query.js";
import { copyDestination, hasCacheMount, normalizePath, workdirAt } from "./helpers.js";
import { globCovers, pathPattern } from "./path-glob.js";
import {
  APT,
  APT_UPDATERS,
  APT_VALUE_FLAGS,
  APK_VALUE_FLAGS,
  RPM,
  RPM_VALUE_FLAGS,
  isApkAdd,
  isAptInstall,
  isPipInstall,
  PIP_VALUE_FLAGS,
  isRpmInstall,
  apkVirtual,
  packageArgs,
  packageName,
} from "./packages.js";
import { isYarnInstall } from "./yarn-cache-not-cleaned.js";

/**
 * Something an instruction leaves in its layer, or a command removes: a path (with a glob for
 * removals such as `rm -rf /tmp/*.rds`), or packages of a manager (`names` null: all or unknown).
 */
export type Artifact =
  | { kind: "path"; path: string; glob: RegExp | null; what: string }
  | { kind: "packages"; manager: string; names: string[] | null; what: string };

/** A removal in a RUN that does not undo something the same RUN made before it. */
export interface ForeignRemoval {
  removed: Artifact;
  cmd: Command;
}

const YARN_CACHE = "/usr/local/share/.cache/yarn";

/** What a COPY/ADD/RUN writes into its layer, as far as the commands tell. */
export function createdBy(df: Dockerfile, instr: Instruction): Artifact[] {
  if (instr.keyword === "COPY" || instr.keyword === "ADD") {
    const dest = copyDestination(df, instr);
    return dest ? [path(dest, `${instr.keyword} to ${dest}`)] : [];
  }
  return runEffects(df, instr).survivors;
}

/**
 * Walks a RUN's commands in order: what each creates, and what each removes. A removal of
 * something an earlier command of the same RUN made cancels it (those bytes never reach the
 * layer, issue 17; they are listed as cancelled); other removals are "foreign": they target
 * earlier layers or the base.
 */
export function runEffects(
  df: Dockerfile,
  instr: Instruction,
): { survivors: Artifact[]; cancelled: Artifact[]; foreign: ForeignRemoval[] } {
  const workdir = workdirAt(df, instr);
  let made: Artifact[] = [];
  const cancelled: Artifact[] = [];
  const foreign: ForeignRemoval[] = [];
  for (const cmd of commandsOf(instr)) {
    for (const removed of removedBy(cmd, workdir)) {
      if (made.some((m) => undoes(removed, m))) {
        const left = cancel(made, removed);
        cancelled.push(...made.filter((m) => !left.includes(m)));
        made = left;
      } else foreign.push({ removed, cmd });
    }
    made.push(...commandArtifacts(cmd, workdir));
  }
  // A cache or tmpfs mount keeps what is written under it out of the layer (microdnf's cache; issue 17).
  const survivors = made.filter((m) => m.kind !== "path" || !hasCacheMount(instr, [m.path]));
  return { survivors, cancelled, foreign };
}

/** What is left of `made` after `removed`: covered paths go, removed package names go. */
function cancel(made: Artifact[], removed: Artifact): Artifact[] {
  return made.flatMap((m): Artifact[] => {
    if (m.kind === "path") return removed.kind === "path" && covers(removed, m.path) ? [] : [m];
    if (removed.kind !== "packages" || removed.manager !== m.manager) return [m];
    if (removed.names === null || m.names === null) return [];
    const left = m.names.filter((n) => !removed.names?.includes(n));
    return left.length > 0 ? [{ ...m, names: left }] : [];
  });
}

/** True when the removal takes away all of `path`: it, a parent, a matching glob, or its contents (`dir/*`). */
function covers(removed: Artifact & { kind: "path" }, path: string): boolean {
  if (removed.glob) return globCovers(removed.glob, path) || removed.path === path;
  return removed.path === path || path.startsWith(`${removed.path}/`);
}

function path(p: string, what: string): Artifact {
  return { kind: "path", path: p, glob: null, what };
}

function packages(manager: string, names: string[], what: string): Artifact {
  return { kind: "packages", manager, names: names.length > 0 ? names : null, what };
}

/** Programs that create or remove artifacts; every other command is skipped cheaply. */
const CREATORS = new Set([
  ...APT_UPDATERS,
  "apk",
  "pip",
  ...RPM,
  "npm",
  "yarn",
  "curl",
  "wget",
  "git",
]);
const REMOVERS = new Set(["rm", ...APT, "apk", "pip", ...RPM, "npm", "yarn"]);

function commandArtifacts(c: Command, workdir: string): Artifact[] {
  if (!CREATORS.has(c.name)) return [];
  if (isCall(c, APT_UPDATERS, ["update"], APT_VALUE_FLAGS))
    return [path("/var/lib/apt/lists", "apt lists")];
  if (isAptInstall(c))
    return [
      packages("apt", namesOf(c, APT_VALUE_FLAGS), "apt packages"),
      path("/var/cache/apt", "apt archives"),
    ];
  if (isApkAdd(c)) {
    // `apk del VIRTUAL` removes the packages installed under it, so the virtual name stands for them.
    const virtual = apkVirtual(c);
    const names = virtual ? [virtual] : packageArgs(c, APK_VALUE_FLAGS);
    const out: Artifact[] = [packages("apk", names, "apk packages")];
    return hasFlag(c, "--no-cache") ? out : [...out, path("/var/cache/apk", "apk cache")];
  }
  if (isPipInstall(c))
    return [
      packages("pip", namesOf(c, PIP_VALUE_FLAGS), "pip packages"),
      path("/root/.cache/pip", "pip cache"),
    ];
  if (isRpmInstall(c))
    return [
      packages("rpm", namesOf(c, RPM_VALUE_FLAGS), `${c.name} packages`),
      path(`/var/cache/${c.name === "dnf" ? "dnf" : "yum"}`, `${c.name} cache`),
    ];
  if (isCall(c, "npm", ["install", "i", "ci"])) return [path("/root/.npm", "npm cache")];
  if (isYarnInstall(c)) return [path(YARN_CACHE, "yarn cache")];
  return downloads(c, workdir);
}

function downloads(c: Command, workdir: string): Artifact[] {
  const at = (p: string) => normalizePath(p, workdir);
  if (c.name === "curl")
    return flagValues(c, "-o", "--output")
      .filter((f) => f !== "-")
      .map((f) => path(at(f), `download ${at(f)}`));
  if (c.name === "wget") {
    const out = flagValues(c, "-O", "--output-document").filter((f) => f !== "-");
    if (out.length > 0) return out.map((f) => path(at(f), `download ${at(f)}`));
    const dir = flagValues(c, "-P", "--directory-prefix")[0];
    if (hasFlag(c, "-O")) return [];
    return positionals(c, [
      "-P",
      "--directory-prefix",
      "-t",
      "--tries",
      "-T",
      "--timeout",
      "-U",
      "--user-agent",
    ])
      .filter((u) => /^(https?|ftp):\/\//.test(u))
      .map((u) =>
        at(
          `${dir ?? "."}/${
            u
              .replace(/[?#].*$/, "")
              .split("/")
              .pop() || "index.html"
          }`,
        ),
      )
      .map((p) => path(p, `download ${p}`));
  }
  const clone = gitCloneDir(c, workdir);
  return clone ? [path(clone, `clone ${clone}`)] : [];
}

/** The directory `git clone URL [DIR]` writes, resolved against WORKDIR; null for other commands. */
export function gitCloneDir(c: Command, workdir: string): string | null {
  if (!isCall(c, "git", ["clone"])) return null;
  const [, url, dir] = positionals(c, [
    "-b",
    "--branch",
    "--depth",
    "-c",
    "--config",
    "-o",
    "--origin",
    "--filter",
    "--reference",
    "-j",
    "--jobs",
  ]);
  const name =
    dir ??
    url
      ?.replace(/\/+$/, "")
      .replace(/\.git$/, "")
      .split("/")
      .pop();
  return name ? normalizePath(name, workdir) : null;
}

function namesOf(c: Command, valueFlags: readonly string[]): string[] {
  return packageArgs(c, valueFlags).map(packageName);
}

/** What a command removes: paths, or packages of a manager. */
export function removedBy(c: Command, workdir: string): Artifact[] {
  if (!REMOVERS.has(c.name)) return [];
  if (c.name === "rm") {
    return c.args
      .filter((a) => !a.value.startsWith("-"))
      .map((a): Artifact => {
        const { dir, glob } = pathPattern(a.value, workdir);
        return { kind: "path", path: dir, glob, what: `rm ${a.value}` };
      })
      .filter((a) => a.kind === "path" && (a.path !== "/" || a.glob !== null));
  }
  if (isCall(c, APT, ["clean", "autoclean"], APT_VALUE_FLAGS))
    return [path("/var/cache/apt", `${c.name} clean`)];
  // apt >= 2.7.8 (Debian 13): clean plus the lists.
  if (isCall(c, APT, ["dist-clean"], APT_VALUE_FLAGS))
    return ["/var/cache/apt", "/var/lib/apt/lists"].map((p) => path(p, `${c.name} dist-clean`));
  if (isCall(c, APT, ["purge", "remove", "autoremove"], APT_VALUE_FLAGS)) {
    const names = isCall(c, APT, ["autoremove"], APT_VALUE_FLAGS)
      ? []
      : namesOf(c, APT_VALUE_FLAGS);
    return [packages("apt", names, `${c.name} ${subcommand(c, APT_VALUE_FLAGS)}`)];
  }
  if (isCall(c, "apk", ["del"], APK_VALUE_FLAGS))
    return [packages("apk", packageArgs(c, APK_VALUE_FLAGS), "apk del")];
  if (isCall(c, "pip", ["uninstall"]))
    return [packages("pip", namesOf(c, PIP_VALUE_FLAGS), "pip uninstall")];
  if (isCall(c, "pip", ["cache"])) return [path("/root/.cache/pip", "pip cache purge")];
  if (isCall(c, RPM, ["remove", "erase", "autoremove"], RPM_VALUE_FLAGS))
    return [packages("rpm", namesOf(c, RPM_VALUE_FLAGS), `${c.name} remove`)];
  if (isCall(c, RPM, ["clean"], RPM_VALUE_FLAGS))
    return ["/var/cache/dnf", "/var/cache/yum"].map((p) => path(p, `${c.name} clean`));
  if (isCall(c, "npm", ["cache"])) return [path("/root/.npm", "npm cache clean")];
  if (isCall(c, "yarn", ["cache"])) return [path(YARN_CACHE, "yarn cache clean")];
  return [];
}

/** True when removing `removed` undoes (part of) `created`. */
export function undoes(removed: Artifact, created: Artifact): boolean {
  if (removed.kind === "packages" || created.kind === "packages") {
    if (removed.kind !== "packages" || created.kind !== "packages") return false;
    if (removed.manager !== created.manager) return false;
    if (removed.names === null || created.names === null) return true;
    return removed.names.some((n) => created.names?.includes(n));
  }
  const r = removed.path;
  const c = created.path;
  if (removed.glob) return globCovers(removed.glob, c) || r === c || r.startsWith(`${c}/`);
  return r === c || r.startsWith(`${c}/`) || c.startsWith(`${r}/`);
}
