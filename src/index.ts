/** ballast as a library: open an image from any source, analyze it, render a report. */
export { openImage, registerTransport } from "./sources/index.js";
export { validateImage } from "./sources/validate.js";
export { parsePlatform } from "./sources/platform.js";
export type { OpenOptions } from "./sources/options.js";
export { analyzeImage, buildReport, type AnalyzeOptions } from "./analysis/analyze.js";
export { scanImage, type ImageScan, type ScanOptions } from "./analysis/scan.js";
export { renderJson } from "./report/json.js";
export { renderText } from "./report/text.js";
export { InputError } from "./model/errors.js";
export type * from "./model/image.js";
export type * from "./model/report.js";
export type * from "./model/finding.js";
export { lintText, type LintOptions } from "./lint/lint.js";
export { fixText, fixFile } from "./cli/fix-run.js";
export { diffImages } from "./analysis/diff.js";
export { estimateCost, DEFAULT_COST_INPUTS } from "./analysis/cost.js";
export { compareDockerfiles, compareTexts } from "./build/compare.js";
export { analyzeContext } from "./dockerignore/run.js";
