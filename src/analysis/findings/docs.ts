import type { ImageDetector } from "./detector.js";

const fence = (code: string) => `\`\`\`dockerfile\n${code.trimEnd()}\n\`\`\``;
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** A detector's documentation as Markdown, under the headings the lint rules use (DESIGN.md habits 7, 15). */
export function detectorMarkdown(d: ImageDetector, heading = "#"): string {
  const { meta } = d;
  const sub = `${heading}#`;
  return [
    `${heading} ${d.id}`,
    "",
    `${meta.summary}. Severity: ${meta.severity}. Category: ${meta.category}. Image detector (\`ballast analyze\`).`,
    "",
    `Looks for: ${meta.looksFor}.`,
    "",
    `${sub} What it does`,
    "",
    meta.docs.what,
    "",
    `${sub} Why it matters`,
    "",
    meta.docs.why,
    "",
    `${sub} Example`,
    "",
    fence(meta.docs.example),
    "",
    `${sub} Use instead`,
    "",
    fence(meta.docs.useInstead),
    "",
  ].join("\n");
}

/** docs/detectors.md: what each detector looks for, then each one's documentation. Generated; a test keeps it current. */
export function detectorsDocument(detectors: readonly ImageDetector[]): string {
  return [
    "# ballast image detectors",
    "",
    "<!-- Generated from the detector metadata in src/analysis/findings/ (detectorsDocument); do not edit by hand.",
    "     Regenerate: UPDATE_DOCS=1 npx vitest run test/findings/docs.test.ts -->",
    "",
    "`ballast analyze` runs these over the image and reports them in `findings[]` with `rule`, `severity`, `bytes`, `paths`,",
    "`layer`, `createdBy` and `origin` (`base` when the layer came with the base image, `user` otherwise). Leftover bytes are",
    "counted per layer from the layer's own tar entries, so a file a later layer deletes still counts where it was written.",
    "",
    "| detector | category | severity | looks for |",
    "|---|---|---|---|",
    ...detectors.map(
      (d) =>
        `| [\`${d.id}\`](#${d.id}) | ${d.meta.category} | ${d.meta.severity} | ${cell(d.meta.looksFor)} |`,
    ),
    "",
    ...detectors.map((d) => detectorMarkdown(d, "##")),
  ].join("\n");
}

/** The detector with this id, for `ballast rule ID`. */
export function findDetector(
  detectors: readonly ImageDetector[],
  id: string,
): ImageDetector | undefined {
  return detectors.find((d) => d.id === id);
}
