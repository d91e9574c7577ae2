import type { Command, Instruction } from "../dockerfile/model.js";
import { commandsOf, isCall, subcommand } from "../dockerfile/query.js";
import {
  APK_VALUE_FLAGS,
  APT_VALUE_FLAGS,
  RPM_VALUE_FLAGS,
  apkVirtual,
  isApkAdd,
  isAptInstall,
  isRpmInstall,
  APT_ALL,
  packageArgs,
  packageName,
  removedPackages,
} from "./packages.js";

/** Packages that are compilers, build systems, SDKs or headers (docs/guide.md#2-multi-stage-builds: build deps). */
const TOOLCHAIN = new RegExp(
  "^(build-essential|build-base|alpine-sdk|gcc|gcc-c\\+\\+|g\\+\\+|cpp|clang|llvm|make|cmake|ninja(-build)?|" +
    "autoconf|automake|libtool|pkg-config|pkgconf|musl-dev|golang|golang-go|go|rust|rustc|cargo|maven|gradle|" +
    "default-jdk|default-jdk-headless|openjdk-\\d+-jdk|openjdk-\\d+-jdk-headless|openjdk\\d+|openjdk\\d+-jdk|" +
    "java-[\\d.]+-openjdk-devel|@development-tools|@development|nodejs-devel|.+-dev|.+-devel)$",
);

export function isToolchainPackage(spec: string): boolean {
  const name = packageName(spec);
  return TOOLCHAIN.test(name) || TOOLCHAIN.test(spec.split(/[=<>~]/)[0]);
}

/** Commands that compile or bundle, so a toolchain must be present when they run. */
export function buildCommand(cmd: Command): string | null {
  const sub = subcommand(cmd) ?? "";
  const script = cmd.args.find((a) => !a.value.startsWith("-") && a.value !== "run")?.value ?? "";
  if (isCall(cmd, "go", ["build", "install"])) return `go ${sub}`;
  if (isCall(cmd, "cargo", ["build", "install"])) return `cargo ${sub}`;
  if (["mvn", "mvnw", "gradle", "gradlew"].includes(cmd.name)) return cmd.name;
  if (["gcc", "g++", "cc", "c++", "clang", "rustc", "javac", "make", "cmake"].includes(cmd.name))
    return cmd.name;
  if (isCall(cmd, "dotnet", ["build", "publish"])) return `dotnet ${sub}`;
  if (isCall(cmd, ["npm", "yarn", "pnpm"]) && /^build(:|$)/.test(script))
    return `${cmd.name} run ${script}`;
  return null;
}

/**
 * What toolchain a RUN leaves in its layer: toolchain packages it installs and does not
 * remove in the same RUN, or a build command run without any same-RUN package removal
 * (the `apk add --virtual .b … && apk del .b` pattern is fine). Null when nothing stays.
 */
export function keptToolchain(instr: Instruction): string | null {
  const removed = removedPackages(instr);
  const kept: string[] = [];
  for (const cmd of commandsOf(instr)) {
    const flags = isAptInstall(cmd)
      ? APT_VALUE_FLAGS
      : isApkAdd(cmd)
        ? APK_VALUE_FLAGS
        : isRpmInstall(cmd)
          ? RPM_VALUE_FLAGS
          : null;
    if (!flags) continue;
    const virtual = isApkAdd(cmd) ? apkVirtual(cmd) : null;
    if (virtual && removed.has(virtual)) continue;
    if (isAptInstall(cmd) && removed.has(APT_ALL)) continue;
    for (const spec of packageArgs(cmd, flags)) {
      if (spec === virtual || !isToolchainPackage(spec)) continue;
      if (!removed.has(packageName(spec)) && !removed.has(spec)) kept.push(spec.split(/[=<>~]/)[0]);
    }
  }
  if (kept.length > 0)
    return `installs ${kept.slice(0, 3).join(", ")}${kept.length > 3 ? ", …" : ""}`;
  if (removed.size > 0) return null;
  for (const cmd of commandsOf(instr)) {
    const build = buildCommand(cmd);
    if (build) return `runs ${build}`;
  }
  return null;
}
