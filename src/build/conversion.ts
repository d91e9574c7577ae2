import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { scanImage } from "../analysis/scan.js";
import { PACKAGE_DB_PATHS, readPackages } from "../analysis/packages/index.js";
import { libraryCapture, neededPackages, type LibraryNeeds } from "../convert/libraries.js";
import { InputError } from "../model/errors.js";
import { openImage } from "../sources/index.js";
import { throwawayTag, type Builder } from "./builder.js";
import type { ExecResult } from "./exec.js";
import { buildAndMeasure, type Comparison, type Measure } from "./measure.js";

/** What running one image's program gave. */
export interface RunOutcome {
  argv: string[];
  code: number;
  stdout: string;
  stderr: string;
}

/** Result of building and running the original and the converted Dockerfile (issue 14 "proof"). */
export interface ConversionCheck {
  comparison: Comparison | null;
  before: RunOutcome | null;
  after: RunOutcome | null;
  /** Builds, runs, and behaves the same: exit code and standard output. */
  same: boolean;
  reason?: string;
}

/** Builds both texts in `context`, runs the program of each (or `smoke`), and compares them. */
export async function checkConversion(
  builder: Builder,
  context: string,
  original: string,
  converted: string,
  smoke?: string[],
): Promise<ConversionCheck> {
  const dir = await mkdtemp(path.join(tmpdir(), "ballast-convert-"));
  const defer: string[] = [];
  try {
    const measure = async (text: string, label: string) => {
      const file = path.join(dir, `${label}.Dockerfile`);
      await writeFile(file, text);
      let outcome: RunOutcome | null = null;
      const m = await buildAndMeasure(builder, file, context, label, {
        defer,
        check: async (tag, start) => {
          const argv = smoke ?? start;
          if (argv.length === 0)
            throw new InputError(
              `--verify: the ${label} image has no ENTRYPOINT/CMD to run; give --smoke 'CMD [...]'`,
            );
          outcome = { argv, ...(await runQuiet(builder, tag, argv)) };
        },
      });
      return { m, outcome: outcome as RunOutcome | null };
    };
    const before = await measure(original, "before");
    let after: { m: Measure; outcome: RunOutcome | null };
    try {
      after = await measure(converted, "after");
    } catch (err) {
      if (!(err instanceof InputError) || /has no ENTRYPOINT/.test(err.message)) throw err;
      return {
        comparison: null,
        before: before.outcome,
        after: null,
        same: false,
        reason: `the converted Dockerfile does not build: ${err.message}`,
      };
    }
    const comparison: Comparison = {
      builder: builder.name,
      before: before.m,
      after: after.m,
      steps: [],
    };
    const reason = difference(before.outcome, after.outcome);
    return {
      comparison,
      before: before.outcome,
      after: after.outcome,
      same: reason === undefined,
      reason,
    };
  } finally {
    await builder.remove(defer.reverse()).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

async function runQuiet(builder: Builder, tag: string, argv: string[]): Promise<ExecResult> {
  return builder.run(tag, argv);
}

function difference(a: RunOutcome | null, b: RunOutcome | null): string | undefined {
  if (!a || !b) return "a program did not run";
  if (a.code !== b.code)
    return `exit code ${a.code} before, ${b.code} after${b.stderr ? `: ${lastLine(b.stderr)}` : ""}`;
  if (a.stdout !== b.stdout)
    return `the output differs (${a.stdout.length} bytes before, ${b.stdout.length} after)`;
  return undefined;
}

const lastLine = (s: string) => s.trimEnd().split("\n").pop() ?? "";

/**
 * The library pass: builds the converted Dockerfile's builder stage, reads the artifacts'
 * DT_NEEDED and the builder's package database, and returns the packages to install in the
 * runtime stage that its base does not already have.
 */
export async function resolveLibraries(
  builder: Builder,
  context: string,
  converted: string,
  artifacts: string[],
  runtimeBase: string,
  /** Collects the images to remove, so that the next build reuses the builder's layers; the caller removes them. */
  remove: string[],
): Promise<LibraryNeeds & { present: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), "ballast-libs-"));
  try {
    const file = path.join(dir, "Dockerfile");
    await writeFile(file, converted);
    const tag = throwawayTag("builder");
    remove.push(tag, ...(await builder.build(file, context, tag, "build")));
    const ref = await builder.export(tag, path.join(dir, "builder.tar"));
    const scan = await scanImage(await openImage(ref), { capture: libraryCapture(artifacts) });
    const needs = neededPackages(scan.tree.root, artifacts);
    const present = await basePackages(builder, dir, runtimeBase, remove).catch(
      () => [] as string[],
    );
    return { ...needs, present, packages: needs.packages.filter((p) => !present.includes(p)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Packages the runtime base already has (so the runtime stage does not reinstall them). */
async function basePackages(
  builder: Builder,
  dir: string,
  base: string,
  remove: string[],
): Promise<string[]> {
  if (base === "scratch") return [];
  const file = path.join(dir, "Base.Dockerfile");
  await writeFile(file, `FROM ${base}\n`);
  const tag = throwawayTag("base");
  remove.push(tag, ...(await builder.build(file, dir, tag)));
  const ref = await builder.export(tag, path.join(dir, "base.tar"));
  const scan = await scanImage(await openImage(ref), {
    capture: (p) => PACKAGE_DB_PATHS.some((r) => r.test(p)),
  });
  return readPackages(scan.tree.root).packages.map((p) => p.name);
}
