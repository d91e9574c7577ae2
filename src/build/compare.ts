import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Builder } from "./builder.js";
import { buildAndMeasure, type Comparison, type MeasureOptions, type Step } from "./measure.js";

/** Builds two Dockerfiles on disk and measures both images. */
export async function compareDockerfiles(
  builder: Builder,
  before: { file: string; context: string },
  after: { file: string; context: string },
  opts: MeasureOptions = {},
): Promise<Comparison> {
  const defer: string[] = [];
  try {
    const b = await buildAndMeasure(builder, before.file, before.context, "before", {
      ...opts,
      defer,
    });
    const a = await buildAndMeasure(builder, after.file, after.context, "after", {
      ...opts,
      defer,
    });
    return { builder: builder.name, before: b, after: a, steps: [] };
  } finally {
    // Newest first, so that children go before the layers they were built on.
    await builder.remove(defer.reverse()).catch(() => undefined);
  }
}

/**
 * Builds an original Dockerfile text and cumulative fixed variants (the last is the full fix)
 * in one context. Identical texts are built once. The Dockerfiles are written to a temporary
 * directory, never next to the user's files.
 */
export async function compareTexts(
  builder: Builder,
  context: string,
  original: string,
  variants: { label: string; rules: string[]; text: string }[],
  opts: MeasureOptions = {},
): Promise<Comparison> {
  if (variants.length === 0) throw new Error("compareTexts needs at least one fixed variant");
  const dir = await mkdtemp(path.join(tmpdir(), "ballast-compare-"));
  // Every image of the comparison stays until the end: later variants reuse the layers they share.
  const defer: string[] = [];
  try {
    const measureText = async (text: string, label: string) => {
      const file = path.join(dir, `${label}.Dockerfile`);
      await writeFile(file, text);
      return buildAndMeasure(builder, file, context, label, { ...opts, defer });
    };
    const before = await measureText(original, "before");
    const byText = new Map<string, Step["measure"]>([[original, before]]);
    const steps: Step[] = [];
    for (const [i, v] of variants.entries()) {
      let m = byText.get(v.text);
      if (!m) {
        m = await measureText(v.text, `step${i + 1}`);
        byText.set(v.text, m);
      }
      steps.push({ label: v.label, rules: v.rules, measure: m });
    }
    const after = steps[steps.length - 1].measure;
    return { builder: builder.name, before, after, steps: steps.length > 1 ? steps : [] };
  } finally {
    await builder.remove(defer.reverse()).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
