import type { ImageConfig } from "../../model/image.js";
import { PACKAGE_DB_PATHS } from "../packages/index.js";
import type { ImageDetector } from "./detector.js";
import { programPaths, withoutUsrMerge } from "./entrypoint.js";
import type { CaptureList } from "../capture.js";
import leftoverAptLists from "./leftover-apt-lists.js";
import leftoverAptArchives from "./leftover-apt-archives.js";
import leftoverApkCache from "./leftover-apk-cache.js";
import leftoverRpmCache from "./leftover-rpm-cache.js";
import leftoverPipCache from "./leftover-pip-cache.js";
import leftoverNodeCache from "./leftover-node-cache.js";
import leftoverGoCache from "./leftover-go-cache.js";
import leftoverJvmBuildCache from "./leftover-jvm-build-cache.js";
import leftoverCargoCache from "./leftover-cargo-cache.js";
import leftoverPythonBytecode from "./leftover-python-bytecode.js";
import leftoverGitDir from "./leftover-git-dir.js";
import leftoverDocs from "./leftover-docs.js";
import leftoverHeadersStaticLibs from "./leftover-headers-static-libs.js";
import leftoverPackageTests from "./leftover-package-tests.js";
import leftoverTempFiles from "./leftover-temp-files.js";
import leftoverCoreDumps from "./leftover-core-dumps.js";
import shellInImage from "./shell-in-image.js";
import packageManagerInImage from "./package-manager-in-image.js";
import networkToolInImage from "./network-tool-in-image.js";
import setuidFile from "./setuid-file.js";
import worldWritable from "./world-writable.js";
import privateKeyInImage from "./private-key-in-image.js";
import secretFileInImage from "./secret-file-in-image.js";
import secretInConfig from "./secret-in-config.js";
import rootUser from "./root-user.js";
import exposedPorts from "./exposed-ports.js";
import baseImageAlternative from "./base-image-alternative.js";
import toolchainInImage from "./toolchain-in-image.js";
import devPackagesInImage from "./dev-packages-in-image.js";

export type { Detector } from "./detector.js";
export { describeBase } from "./describe.js";
export { detectorMarkdown, detectorsDocument, findDetector } from "./docs.js";
export type { DetectOptions, DetectorMeta, ImageDetector } from "./detector.js";

/** Every image detector `ballast analyze` runs, in report order. */
export const DETECTORS: ImageDetector[] = [
  leftoverAptLists,
  leftoverAptArchives,
  leftoverApkCache,
  leftoverRpmCache,
  leftoverPipCache,
  leftoverNodeCache,
  leftoverGoCache,
  leftoverJvmBuildCache,
  leftoverCargoCache,
  leftoverPythonBytecode,
  leftoverGitDir,
  leftoverDocs,
  leftoverHeadersStaticLibs,
  leftoverPackageTests,
  leftoverTempFiles,
  leftoverCoreDumps,
  toolchainInImage,
  devPackagesInImage,
  privateKeyInImage,
  secretFileInImage,
  secretInConfig,
  rootUser,
  setuidFile,
  worldWritable,
  shellInImage,
  packageManagerInImage,
  networkToolInImage,
  exposedPorts,
  baseImageAlternative,
];

/** Paths whose content the scan keeps (first 1 MiB) because a detector reads them. */
export function capturedPath(path: string): boolean {
  return CAPTURED.some((re) => re.test(path));
}
export const CAPTURED: RegExp[] = [
  ...PACKAGE_DB_PATHS,
  /^(?:etc|usr\/lib)\/os-release$/,
  /^usr\/local\/go\/VERSION$/,
  ...DETECTORS.flatMap((d) => d.captures ?? []),
];

/** `capturedPath` plus the paths where this image's entrypoint may live (its ELF header tells static vs glibc vs musl, Go). */
export function captureFor(config: ImageConfig): CaptureList {
  return { patterns: CAPTURED, paths: programPaths(config).flatMap(withoutUsrMerge) };
}
