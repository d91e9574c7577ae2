import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { analyzeImage } from "../analysis/analyze.js";
import { openImage } from "../sources/index.js";
import { throwawayTag, type Builder } from "./builder.js";

/** Sizes of one built image, as the analyzer measures them. */
export interface Measure {
  compressed: number;
  uncompressed: number;
  layerCount: number;
  reclaimable: number;
  /** Seconds the build took (cache hits make it short). */
  buildSeconds: number;
  /** Attack surface the image findings report: a shell, a package manager, compilers. */
  surface: Surface;
}

export interface Surface {
  shell: boolean;
  packageManager: boolean;
  compilers: string[];
}

/** The attack surface from an image report's findings (shell-in-image, package-manager-in-image, toolchain-in-image). */
export function surfaceOf(findings: readonly { rule: string; message: string }[]): Surface {
  return {
    shell: findings.some((f) => f.rule === "shell-in-image"),
    packageManager: findings.some((f) => f.rule === "package-manager-in-image"),
    compilers: findings
      .filter((f) => f.rule === "toolchain-in-image")
      .map((f) => f.message.replace(/ in the final image.*$/s, "")),
  };
}

export interface MeasureOptions {
  /**
   * Runs in the built image before it is removed (e.g. checking the program still starts);
   * `start` is the image's ENTRYPOINT + CMD as its config records them.
   */
  check?: (tag: string, start: string[]) => Promise<void>;
  /**
   * Collects the images to remove instead of removing them at once, so that the next build of
   * a comparison reuses their layers; the caller removes them in a `finally`.
   */
  defer?: string[];
}

/**
 * Builds a Dockerfile into a throwaway tag, exports and analyzes the image, and removes
 * every image the build created and the export file, whether or not anything failed.
 */
export async function buildAndMeasure(
  builder: Builder,
  dockerfile: string,
  context: string,
  label: string,
  opts: MeasureOptions = {},
): Promise<Measure> {
  const tag = throwawayTag(label);
  const dir = await mkdtemp(path.join(tmpdir(), "ballast-build-"));
  let created: string[] = [];
  try {
    const t0 = Date.now();
    created = await builder.build(dockerfile, context, tag);
    const buildSeconds = (Date.now() - t0) / 1000;
    const ref = await builder.export(tag, path.join(dir, "image.tar"));
    const report = await analyzeImage(await openImage(ref));
    if (opts.check)
      await opts.check(tag, [...(report.image.entrypoint ?? []), ...(report.image.cmd ?? [])]);
    return {
      compressed: report.size.compressed,
      uncompressed: report.size.uncompressed,
      layerCount: report.layerCount,
      reclaimable: report.waste.reclaimable,
      buildSeconds,
      surface: surfaceOf(report.findings),
    };
  } finally {
    if (opts.defer) opts.defer.push(tag, ...created);
    else await builder.remove([tag, ...created]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** One step of a comparison: the image after the fixes of `rules` (cumulative). */
export interface Step {
  label: string;
  rules: string[];
  measure: Measure;
}

export interface Comparison {
  builder: string;
  before: Measure;
  after: Measure;
  /** Cumulative steps between before and after, one per fix group, when attribution was asked for. */
  steps: Step[];
}

/** Savings of `b` over `a` (positive = smaller). */
export function saved(
  a: Measure,
  b: Measure,
): { compressed: number; uncompressed: number; layers: number; reclaimable: number } {
  return {
    compressed: a.compressed - b.compressed,
    uncompressed: a.uncompressed - b.uncompressed,
    layers: a.layerCount - b.layerCount,
    reclaimable: a.reclaimable - b.reclaimable,
  };
}
