import type { Finding, Severity } from "../../model/finding.js";
import type { ImageScan } from "../scan.js";
import { factsOf, type ImageFacts } from "./facts.js";

export type DetectorCategory = "size" | "security" | "base";

/** Detector documentation under the fixed headings the Dockerfile rules use (DESIGN.md habits 7 and 15). */
export interface DetectorDocs {
  what: string;
  why: string;
  /** A Dockerfile whose image triggers the detector. */
  example: string;
  /** The same Dockerfile written so the detector stays quiet. */
  useInstead: string;
}

export interface DetectorMeta {
  severity: Severity;
  category: DetectorCategory;
  /** One line for rule lists and SARIF shortDescription. */
  summary: string;
  /** What the detector looks at, for the generated table in docs/detectors.md. */
  looksFor: string;
  docs: DetectorDocs;
}

/** What a detector reports; rule id, severity and origin are filled in by `defineDetector`. */
export type DetectedFinding = Omit<Finding, "rule" | "severity">;

export interface DetectorSpec {
  id: string;
  meta: DetectorMeta;
  /** Paths whose content (first 1 MiB) this detector needs the scan to keep. */
  captures?: RegExp[];
  detect(facts: ImageFacts): DetectedFinding[];
}

/** Options every detector receives from `analyzeImage` (the `--base-layers` override). */
export interface DetectOptions {
  baseLayers?: number;
}

/** A detector as `analyzeImage` runs it, with its metadata attached for `ballast rule ID` and docs. */
export interface ImageDetector extends DetectorSpec {
  (scan: ImageScan, options?: DetectOptions): Finding[];
}

/**
 * Wraps a spec into a callable detector. Every finding that names a layer is marked as coming
 * with the base image or added by the user, from the base-layer boundary of the facts.
 */
export function defineDetector(spec: DetectorSpec): ImageDetector {
  const run = (scan: ImageScan, options: DetectOptions = {}): Finding[] => {
    const facts = factsOf(scan, options.baseLayers);
    return spec.detect(facts).map((f) => ({
      rule: spec.id,
      severity: spec.meta.severity,
      ...f,
      ...(f.layer !== undefined
        ? { origin: f.layer < facts.base.layers ? ("base" as const) : ("user" as const) }
        : {}),
    }));
  };
  return Object.assign(run, spec) as ImageDetector;
}

/** The signature `analyzeImage` accepts. */
export type Detector = (scan: ImageScan, options?: DetectOptions) => Finding[];
