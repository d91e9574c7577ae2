import type { Finding } from "../model/finding.js";
import type { ImageScan } from "../analysis/scan.js";

/** An image detector: reads the scan (merged tree, per-layer entries, config) and reports findings. */
export type Detector = (scan: ImageScan) => Finding[];

/** Every image detector `ballast analyze` runs, in report order. */
export const DETECTORS: Detector[] = [];

/** Paths whose content the scan keeps (first 1 MiB) because a detector reads them. */
export function capturedPath(path: string): boolean {
  return CAPTURED.some((re) => re.test(path));
}
const CAPTURED: RegExp[] = [];
