import addInsteadOfCopy from "./add-instead-of-copy.js";
import apkNoCache from "./apk-no-cache.js";
import apkVirtualNotDeleted from "./apk-virtual-not-deleted.js";
import aptArchivesKept from "./apt-archives-kept.js";
import aptListsNotRemoved from "./apt-lists-not-removed.js";
import aptNoInstallRecommends from "./apt-no-install-recommends.js";
import aptPinVersions from "./apt-pin-versions.js";
import buildToolsInFinalStage from "./build-tools-in-final-stage.js";
import chownInLaterLayer from "./chown-in-later-layer.js";
import cleanupInLaterLayer from "./cleanup-in-later-layer.js";
import consecutiveRun from "./consecutive-run.js";
import copyContextWithoutDockerignore from "./copy-context-without-dockerignore.js";
import copyStageRoot from "./copy-stage-root.js";
import curlPipeShell from "./curl-pipe-shell.js";
import dockerfileSyntax from "./dockerfile-syntax.js";
import gitCloneInFinalStage from "./git-clone-in-final-stage.js";
import labelSchema from "./label-schema.js";
import heavyBaseImage from "./heavy-base-image.js";
import noMultiStage from "./no-multi-stage.js";
import nodeDevDependencies from "./node-dev-dependencies.js";
import npmCacheNotCleaned from "./npm-cache-not-cleaned.js";
import pipNoCacheDir from "./pip-no-cache-dir.js";
import rpmCacheNotCleaned from "./rpm-cache-not-cleaned.js";
import runsAsRoot from "./runs-as-root.js";
import jsonArgsRecommended from "./json-args-recommended.js";
import fromAsCasing from "./from-as-casing.js";
import stageNameCasing from "./stage-name-casing.js";
import duplicateStageName from "./duplicate-stage-name.js";
import reservedStageName from "./reserved-stage-name.js";
import undefinedVar from "./undefined-var.js";
import undefinedArgInFrom from "./undefined-arg-in-from.js";
import invalidDefaultArgInFrom from "./invalid-default-arg-in-from.js";
import workdirRelativePath from "./workdir-relative-path.js";
import maintainerDeprecated from "./maintainer-deprecated.js";
import legacyKeyValueFormat from "./legacy-key-value-format.js";
import copyIgnoredFile from "./copy-ignored-file.js";
import exposeInvalidFormat from "./expose-invalid-format.js";
import type { Rule } from "./rule.js";
import scratchWithoutCaCertificates from "./scratch-without-ca-certificates.js";
import secretInEnvOrArg from "./secret-in-env-or-arg.js";
import sudoInRun from "./sudo-in-run.js";
import unpinnedBaseImage from "./unpinned-base-image.js";
import untrustedRegistry from "./untrusted-registry.js";
import yarnCacheNotCleaned from "./yarn-cache-not-cleaned.js";

/** Every rule, in documentation order: syntax, size, security, opt-in. Ids are public and stable. */
export const RULES: readonly Rule[] = [
  dockerfileSyntax,
  aptNoInstallRecommends,
  aptListsNotRemoved,
  aptArchivesKept,
  apkNoCache,
  apkVirtualNotDeleted,
  pipNoCacheDir,
  npmCacheNotCleaned,
  nodeDevDependencies,
  yarnCacheNotCleaned,
  rpmCacheNotCleaned,
  consecutiveRun,
  cleanupInLaterLayer,
  chownInLaterLayer,
  noMultiStage,
  buildToolsInFinalStage,
  heavyBaseImage,
  copyContextWithoutDockerignore,
  addInsteadOfCopy,
  copyStageRoot,
  gitCloneInFinalStage,
  scratchWithoutCaCertificates,
  runsAsRoot,
  secretInEnvOrArg,
  curlPipeShell,
  sudoInRun,
  untrustedRegistry,
  labelSchema,
  unpinnedBaseImage,
  aptPinVersions,
  // Docker's build checks (BuildKit), under their check names as aliases.
  jsonArgsRecommended,
  fromAsCasing,
  stageNameCasing,
  duplicateStageName,
  reservedStageName,
  undefinedVar,
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
  workdirRelativePath,
  maintainerDeprecated,
  legacyKeyValueFormat,
  copyIgnoredFile,
  exposeInvalidFormat,
] as Rule[];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** A rule's aliases: its hadolint codes and BuildKit check names, upper-cased. */
export function aliasesOf(rule: Rule): string[] {
  return [...rule.meta.hadolint, ...(rule.meta.checks ?? [])].map((a) => a.toUpperCase());
}

const ALIASES = new Set(RULES.flatMap(aliasesOf));

/** True when some rule answers to the hadolint code or BuildKit check name. */
export function isKnownAlias(name: string): boolean {
  return ALIASES.has(name.toUpperCase());
}

/** Rules that answer to a hadolint code or BuildKit check name (pragmas, config, `ballast rule`). */
export function rulesForHadolint(code: string): Rule[] {
  const upper = code.toUpperCase();
  return RULES.filter((r) => aliasesOf(r).includes(upper));
}
