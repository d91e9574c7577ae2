import { Option, type Command } from "@commander-js/extra-typings";
import { EXIT_OK } from "./exit.js";
import type { CliIO } from "./io.js";
import type { FixRun } from "./fix-run.js";

/** `ballast build-compare BEFORE AFTER`: builds two Dockerfiles and reports the measured sizes. */
export function registerBuildCompare(
  program: Command,
  io: CliIO,
  setExit: (code: number) => void,
): void {
  program
    .command("build-compare")
    .description(
      "build two Dockerfiles with buildah (or docker), analyze both images and compare their sizes",
    )
    .argument("<before>", "the Dockerfile before")
    .argument("<after>", "the Dockerfile after")
    .option("--context <dir>", "build context for both (default: each Dockerfile's directory)")
    .option("--builder <name>", "buildah or docker (default: buildah if found, else docker)")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json"] as const)
        .default("text" as const),
    )
    .action(async (before, after, opts) => {
      const path = await import("node:path");
      const { compareDockerfiles } = await import("../build/compare.js");
      const { renderComparison } = await import("../build/report.js");
      const { detectBuilder } = await import("../build/builder.js");
      const abs = (f: string) => path.resolve(io.cwd, f);
      const ctx = (f: string) => (opts.context ? abs(opts.context) : path.dirname(abs(f)));
      const comparison = await interruptible(io, async (signal) => {
        const builder = await detectBuilder(opts.builder, {
          env: { ...process.env, ...io.env },
          signal,
        });
        io.stderr(`building ${before} and ${after} with ${builder.name}…\n`);
        return compareDockerfiles(
          builder,
          { file: abs(before), context: ctx(before) },
          { file: abs(after), context: ctx(after) },
        );
      });
      io.stdout(
        opts.format === "json"
          ? `${JSON.stringify(comparison, null, 2)}\n`
          : renderComparison(comparison, { before, after }),
      );
      setExit(EXIT_OK);
    });
}

/** Cumulative fixed texts for --verify: one per fix group in the order first applied, the last being the full fix. */
export async function fixVariants(
  run: FixRun,
  opts: { unsafe: boolean; attribute: boolean },
): Promise<{ original: string; variants: { label: string; rules: string[]; text: string }[] }> {
  const [{ fixText }, { normalizeText }, { RULES }, { emptyConfig }] = await Promise.all([
    import("./fix-run.js"),
    import("../fix/write.js"),
    import("../rules/index.js"),
    import("../lint/config.js"),
  ]);
  const groups = [...new Set(run.result.applied.map((a) => a.rule))];
  const { text } = normalizeText(run.original);
  const variants: { label: string; rules: string[]; text: string }[] = [];
  if (opts.attribute) {
    for (let k = 1; k < groups.length; k++) {
      const rules = groups.slice(0, k);
      const ignore = new Set(RULES.map((r) => r.id).filter((id) => !rules.includes(id)));
      const result = await fixText(text, {
        config: { ...emptyConfig(), ignore },
        unsafe: opts.unsafe,
      });
      variants.push({ label: `+ ${groups[k - 1]}`, rules, text: result.output });
    }
  }
  const last = opts.attribute ? `+ ${groups[groups.length - 1] ?? "fixes"}` : "all fixes";
  variants.push({ label: last, rules: groups, text: normalizeText(run.output).text });
  return { original: text, variants };
}

/** `ballast fix --verify`: builds the original and the fixed text, and each fix group in between. */
export async function verifyFix(
  run: FixRun,
  opts: { io: CliIO; context: string; builder?: string; unsafe: boolean; attribute: boolean },
): Promise<void> {
  const { io } = opts;
  if (run.output === run.original) {
    io.stderr("--verify: nothing to compare, the fixes change nothing\n");
    return;
  }
  const [{ detectBuilder }, { compareTexts }, { renderComparison }] = await Promise.all([
    import("../build/builder.js"),
    import("../build/compare.js"),
    import("../build/report.js"),
  ]);
  const { original, variants } = await fixVariants(run, opts);
  const comparison = await interruptible(io, async (signal) => {
    const builder = await detectBuilder(opts.builder, {
      env: { ...process.env, ...io.env },
      signal,
    });
    io.stderr(
      `--verify: building the original and ${variants.length} fixed variant${variants.length === 1 ? "" : "s"} with ${builder.name}…\n`,
    );
    return compareTexts(builder, opts.context, original, variants);
  });
  io.stdout(renderComparison(comparison, { before: run.shown, after: `${run.shown} (fixed)` }));
}

/**
 * Runs builds that an interrupt (Ctrl-C, SIGTERM) stops cleanly: the builder is killed, the
 * images built so far are removed by the builds' own cleanup, and the command then fails.
 */
export async function interruptible<T>(
  io: CliIO,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => {
    io.stderr("interrupted: stopping the build and removing the images it made…\n");
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
