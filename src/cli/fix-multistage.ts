import { checkConversion, resolveLibraries, type ConversionCheck } from "../build/conversion.js";
import type { Surface } from "../build/measure.js";
import { renderComparison } from "../build/report.js";
import { detectBuilder, type Builder } from "../build/builder.js";
import type { Conversion } from "../convert/model.js";
import { parseDockerfile } from "../dockerfile/parse.js";
import { loadShellParser } from "../dockerfile/shell.js";
import { normalizeText } from "../fix/write.js";
import { InputError } from "../model/errors.js";
import type { CliIO } from "./io.js";
import type { FixRun, FixRunOptions } from "./fix-run.js";

export interface VerifyConversionOptions {
  io: CliIO;
  context: string;
  builder?: string;
  smoke?: string;
  /** Re-runs the fix with changed options (runtime libraries found, or the conversion rejected). */
  rerun: (extra: Partial<FixRunOptions>) => Promise<FixRun>;
  signal: AbortSignal;
  /** Where the measured table goes (stderr when stdout carries JSON). */
  print?: (text: string) => void;
}

/**
 * `fix --multi-stage --verify`: resolves the runtime libraries from the built builder stage,
 * builds and runs the original and the converted image, and keeps the conversion only when it
 * builds, runs and behaves the same (issue 14). Returns the run to write or print.
 */
export async function verifyConversion(
  run: FixRun,
  opts: VerifyConversionOptions,
): Promise<{ run: FixRun; check: ConversionCheck | null }> {
  const { io } = opts;
  const conversion = run.conversion;
  if (!conversion?.ok) return { run, check: null };
  if (opts.smoke !== undefined) await parseSmoke(opts.smoke);
  const builder = await detectBuilder(opts.builder, {
    env: { ...process.env, ...io.env },
    signal: opts.signal,
  });
  const keep: string[] = [];
  try {
    return await verifyWith(builder, run, opts, keep);
  } finally {
    // Newest first, so that children go before the layers they were built on.
    await builder.remove(keep.reverse()).catch(() => undefined);
  }
}

async function verifyWith(
  builder: Builder,
  run: FixRun,
  opts: VerifyConversionOptions,
  keep: string[],
): Promise<{ run: FixRun; check: ConversionCheck | null }> {
  const { io } = opts;
  const conversion = run.conversion as Conversion;
  const smoke = opts.smoke === undefined ? undefined : await parseSmoke(opts.smoke);
  let current = run;
  if (conversion.nativeArtifacts.length > 0 && conversion.packageManager) {
    io.stderr(
      `--verify: building the builder stage with ${builder.name} to find the shared libraries ${conversion.nativeArtifacts.join(", ")} load…\n`,
    );
    const libs = await resolveLibraries(
      builder,
      opts.context,
      normalizeText(run.output).text,
      conversion.nativeArtifacts,
      conversion.base,
      keep,
    );
    io.stderr(
      `  ${libs.files} ELF file${libs.files === 1 ? "" : "s"} need ${libs.sonames.join(", ") || "no shared libraries"}; ` +
        `packages to install: ${libs.packages.join(", ") || "none"}` +
        (libs.unowned.length > 0 ? `; not from a package: ${libs.unowned.join(", ")}` : "") +
        "\n",
    );
    current = await opts.rerun({ runtimeLibraries: libs.packages });
  }
  io.stderr(
    `--verify: building and running the original and the converted Dockerfile with ${builder.name}…\n`,
  );
  const check = await checkConversion(
    builder,
    opts.context,
    normalizeText(run.original).text,
    normalizeText(current.output).text,
    smoke,
  );
  (opts.print ?? io.stdout)(renderCheck(check, run.shown));
  if (check.same) return { run: current, check };
  io.stderr(`--verify: conversion not kept: ${check.reason}\n`);
  return { run: await opts.rerun({ conversionRejected: `--verify: ${check.reason}` }), check };
}

/** `--smoke 'CMD ["prog", "arg"]'` (or shell form) as the argv both images run. */
async function parseSmoke(smoke: string): Promise<string[]> {
  const text = /^\s*CMD\b/i.test(smoke) ? smoke : `CMD ${smoke}`;
  const df = parseDockerfile(
    `FROM scratch\n${text.replace(/\n/g, " ")}\n`,
    await loadShellParser(),
  );
  const cmd = df.instructions.find((i) => i.keyword === "CMD");
  if (!cmd || (cmd.json?.length ?? cmd.args.length) === 0)
    throw new InputError(
      `--smoke: expected a CMD instruction such as 'CMD ["app", "--version"]', got "${smoke}"`,
    );
  return cmd.json ?? ["/bin/sh", "-c", cmd.args.join(" ")];
}

/** Sizes, behaviour and attack surface before and after. */
export function renderCheck(check: ConversionCheck, shown: string): string {
  const out: string[] = [];
  if (check.comparison)
    out.push(
      renderComparison(check.comparison, {
        before: shown,
        after: `${shown} (multi-stage)`,
      }).trimEnd(),
    );
  const b = check.before;
  const a = check.after;
  if (b)
    out.push(
      `ran ${JSON.stringify(b.argv)}: exit ${b.code}, ${b.stdout.length} bytes of output before`,
    );
  if (a)
    out.push(
      `ran ${JSON.stringify(a.argv)}: exit ${a.code}, ${a.stdout.length} bytes of output after`,
    );
  out.push(
    check.same
      ? "behaviour: the same (exit code and output)"
      : `behaviour: differs: ${check.reason}`,
  );
  if (check.comparison) {
    const sb = check.comparison.before.surface;
    const sa = check.comparison.after.surface;
    out.push("attack surface (before -> after):", ...surfaceRows(sb, sa));
  }
  return `${out.join("\n")}\n`;
}

function surfaceRows(b: Surface, a: Surface): string[] {
  const yn = (v: boolean) => (v ? "yes" : "no");
  const list = (v: string[]) => (v.length > 0 ? v.join(", ") : "none");
  return [
    `  shell            ${yn(b.shell)} -> ${yn(a.shell)}`,
    `  package manager  ${yn(b.packageManager)} -> ${yn(a.packageManager)}`,
    `  compilers        ${list(b.compilers)} -> ${list(a.compilers)}`,
  ];
}
