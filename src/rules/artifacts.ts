import type { Command, Dockerfile, Instruction } from "../dockerfile/model.js";
import { commandsOf, flagValues, hasFlag, isCall, positionals } from "../dockerfile/query.js";
import { copyDestination, normalizePath, workdirAt } from "./helpers.js";
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
  isRpmInstall,
} from "./packages.js";
import { isYarnInstall } from "./yarn-cache-not-cleaned.js";

/** Something an instruction leaves in its layer: a path, or packages of a manager. */
export type Artifact =
  | { kind: "path"; path: string; what: string }
  | { kind: "packages"; manager: string; what: string };

const YARN_CACHE = "/usr/local/share/.cache/yarn";

/** What a COPY/ADD/RUN writes into its layer, as far as the commands tell. */
export function createdBy(df: Dockerfile, instr: Instruction): Artifact[] {
  if (instr.keyword === "COPY" || instr.keyword === "ADD") {
    const dest = copyDestination(df, instr);
    return dest ? [{ kind: "path", path: dest, what: `${instr.keyword} to ${dest}` }] : [];
  }
  const workdir = workdirAt(df, instr);
  return commandsOf(instr).flatMap((c) => commandArtifacts(c, workdir));
}

function path(p: string, what: string): Artifact {
  return { kind: "path", path: p, what };
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
      { kind: "packages", manager: "apt", what: "apt packages" },
      path("/var/cache/apt", "apt archives"),
    ];
  if (isApkAdd(c)) {
    const out: Artifact[] = [{ kind: "packages", manager: "apk", what: "apk packages" }];
    return hasFlag(c, "--no-cache") ? out : [...out, path("/var/cache/apk", "apk cache")];
  }
  if (isPipInstall(c))
    return [
      { kind: "packages", manager: "pip", what: "pip packages" },
      path("/root/.cache/pip", "pip cache"),
    ];
  if (isRpmInstall(c))
    return [
      { kind: "packages", manager: "rpm", what: `${c.name} packages` },
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
  if (isCall(c, "git", ["clone"])) {
    const [, url, dir] = positionals(c, [
      "-b",
      "--branch",
      "--depth",
      "-c",
      "--config",
      "-o",
      "--origin",
    ]);
    const name =
      dir ??
      url
        ?.replace(/\.git$/, "")
        .split("/")
        .pop();
    return name ? [path(at(name), `clone ${at(name)}`)] : [];
  }
  return [];
}

/** What a command removes: paths, or packages of a manager. */
export function removedBy(c: Command, workdir: string): Artifact[] {
  if (!REMOVERS.has(c.name)) return [];
  if (c.name === "rm") {
    return c.args
      .filter((a) => !a.value.startsWith("-"))
      .map((a) => path(normalizePath(a.value, workdir), `rm ${a.value}`))
      .filter((a) => a.kind === "path" && a.path !== "/");
  }
  if (isCall(c, APT, ["clean", "autoclean"], APT_VALUE_FLAGS))
    return [path("/var/cache/apt", `${c.name} clean`)];
  if (isCall(c, APT, ["purge", "remove", "autoremove"], APT_VALUE_FLAGS))
    return [{ kind: "packages", manager: "apt", what: `${c.name} ${c.args[0]?.value}` }];
  if (isCall(c, "apk", ["del"], APK_VALUE_FLAGS))
    return [{ kind: "packages", manager: "apk", what: "apk del" }];
  if (isCall(c, "pip", ["uninstall"]))
    return [{ kind: "packages", manager: "pip", what: "pip uninstall" }];
  if (isCall(c, "pip", ["cache"])) return [path("/root/.cache/pip", "pip cache purge")];
  if (isCall(c, RPM, ["remove", "erase", "autoremove"], RPM_VALUE_FLAGS))
    return [{ kind: "packages", manager: "rpm", what: `${c.name} remove` }];
  if (isCall(c, RPM, ["clean"], RPM_VALUE_FLAGS))
    return ["/var/cache/dnf", "/var/cache/yum"].map((p) => path(p, `${c.name} clean`));
  if (isCall(c, "npm", ["cache"])) return [path("/root/.npm", "npm cache clean")];
  if (isCall(c, "yarn", ["cache"])) return [path(YARN_CACHE, "yarn cache clean")];
  return [];
}

/** True when removing `removed` undoes (part of) `created`. */
export function undoes(removed: Artifact, created: Artifact): boolean {
  if (removed.kind === "packages" || created.kind === "packages") {
    return (
      removed.kind === "packages" &&
      created.kind === "packages" &&
      removed.manager === created.manager
    );
  }
  const r = removed.path;
  const c = created.path;
  return r === c || r.startsWith(`${c}/`) || c.startsWith(`${r}/`);
}
