import type { ImageConfig } from "../model/image.js";
import type { Finding } from "../model/finding.js";
import { InputError } from "../model/errors.js";

/**
 * Runs the Dockerfile rules over the Dockerfile reconstructed from the image history, so an
 * image whose Dockerfile is lost still hears "apt lists not removed in layer 1" (issue 4, item 6).
 * Lives in cli/ because it joins analysis and lint, which must not import each other.
 */
export async function lintHistory(
  config: ImageConfig,
  options: { baseLayers?: number; reference?: string },
): Promise<Finding[]> {
  const [{ dockerfileFromHistory, historyFindings }, { lintText }] = await Promise.all([
    import("../analysis/dockerfile-from-history.js"),
    import("../lint/lint.js"),
  ]);
  const rec = dockerfileFromHistory(config, options);
  try {
    return historyFindings(rec, await lintText(rec.text, { file: "history" }));
  } catch (err) {
    // A history past the Dockerfile input limits (a huge RUN) is an image to analyze all the
    // same: only its history lint is skipped.
    if (err instanceof InputError) return [];
    throw err;
  }
}

/** `--base-layers N`: a whole number; values above the layer count are clamped by findBaseBoundary. */
export function parseBaseLayers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(`--base-layers must be a whole number ≥ 0, got "${value}"`);
  return n;
}
