import type { Command, Instruction } from "../dockerfile/model.js";
import { commandsOf, flagValues, isCall, positionals, subcommand } from "../dockerfile/query.js";

export const APT = ["apt-get", "apt"] as const;
/** `aptitude update` fills the same lists as apt-get (hadolint DL3009 covers it too). */
export const APT_UPDATERS = [...APT, "aptitude"] as const;
export const APT_VALUE_FLAGS = ["-o", "-c", "-t", "--option", "--target-release", "--config-file"];
export const APK_VALUE_FLAGS = [
  "-t",
  "--virtual",
  "-X",
  "--repository",
  "-p",
  "--root",
  "--arch",
  "--keys-dir",
  "--cache-dir",
  "--repositories-file",
  "--cache-max-age",
];
export const RPM = ["yum", "dnf", "microdnf", "zypper", "tdnf"] as const;
export const RPM_VALUE_FLAGS = [
  "-c",
  "--config",
  "--releasever",
  "--installroot",
  "--enablerepo",
  "--disablerepo",
  "-x",
  "--exclude",
  "--setopt",
  "-r",
  "--repo",
  "-t",
  "--type",
  "--nodocs-ignored",
];
export const PIP_VALUE_FLAGS = [
  "-r",
  "--requirement",
  "-c",
  "--constraint",
  "-e",
  "--editable",
  "-t",
  "--target",
  "-i",
  "--index-url",
  "--extra-index-url",
  "-f",
  "--find-links",
  "--prefix",
  "--root",
  "--trusted-host",
  "--platform",
  "--python-version",
  "--implementation",
  "--abi",
  "--src",
  "--progress-bar",
  "--cache-dir",
];

export function isAptInstall(cmd: Command): boolean {
  return isCall(cmd, APT, ["install"], APT_VALUE_FLAGS);
}

export function isApkAdd(cmd: Command): boolean {
  return isCall(cmd, "apk", ["add"], APK_VALUE_FLAGS);
}

/** Verbs that download packages into the cache: installs and upgrades (issue 17). */
export const RPM_INSTALL_VERBS = [
  "install",
  "in",
  "groupinstall",
  "localinstall",
  "reinstall",
  "upgrade",
  "up",
  "update",
  "upgrade-minimal",
  "update-minimal",
  "dup",
  "dist-upgrade",
  "distro-sync",
];

export function isRpmInstall(cmd: Command): boolean {
  return isCall(cmd, RPM, RPM_INSTALL_VERBS, RPM_VALUE_FLAGS);
}

export function isPipInstall(cmd: Command): boolean {
  return isCall(cmd, "pip", ["install"], PIP_VALUE_FLAGS);
}

/** Packages named on an install/remove command (literal words after the subcommand). */
export function packageArgs(cmd: Command, valueFlags: readonly string[]): string[] {
  return positionals(cmd, valueFlags).slice(1);
}

/** Package name without a version or release pin (`gcc=12.2*`, `gcc-12.1-r0`, `gcc>=1`). */
export function packageName(spec: string): string {
  return spec.split(/[=<>~!]/)[0].replace(/^(.*?)-\d[\w.+~-]*$/, "$1");
}

/** `apk add --virtual NAME`: the virtual package name, if any. */
export function apkVirtual(cmd: Command): string | null {
  return flagValues(cmd, "--virtual", "-t")[0] ?? null;
}

/** Marker in removedPackages: every apt package installed in the RUN is removed again. */
export const APT_ALL = "*apt-all";

/** Package-removal commands (any manager) in a RUN, for "installed and removed in one layer". */
export function removedPackages(instr: Instruction): Set<string> {
  const out = new Set<string>();
  const cmds = commandsOf(instr);
  // Official-image idiom: `apt-mark auto '.*'` then `apt-get purge --auto-remove` drops everything installed since.
  if (
    cmds.some((c) => isCall(c, "apt-mark", ["auto"])) &&
    cmds.some((c) => isCall(c, APT, ["purge", "autoremove"], APT_VALUE_FLAGS))
  ) {
    out.add(APT_ALL);
  }
  for (const cmd of cmds) {
    if (isCall(cmd, APT, ["purge", "remove", "autoremove"], APT_VALUE_FLAGS)) {
      for (const p of packageArgs(cmd, APT_VALUE_FLAGS)) out.add(packageName(p));
      out.add("*apt");
    } else if (isCall(cmd, "apk", ["del"], APK_VALUE_FLAGS)) {
      for (const p of packageArgs(cmd, APK_VALUE_FLAGS)) out.add(p);
      out.add("*apk");
    } else if (isCall(cmd, RPM, ["remove", "erase", "autoremove", "rm"], RPM_VALUE_FLAGS)) {
      for (const p of packageArgs(cmd, RPM_VALUE_FLAGS)) out.add(packageName(p));
      out.add("*rpm");
    }
  }
  return out;
}

export function subOf(cmd: Command, valueFlags: readonly string[] = []): string {
  return subcommand(cmd, valueFlags) ?? "";
}
