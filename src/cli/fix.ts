import { Option, type Command } from "@commander-js/extra-typings";
import { EXIT_FINDINGS, EXIT_OK } from "./exit.js";
import type { CliIO } from "./io.js";
import { commaList } from "./comma-list.js";

/** `ballast fix [Dockerfile]`: prints the fixes as a diff, or applies them with --write. */
export function registerFix(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("fix")
    .description(
      "fix a Dockerfile: print a unified diff, or rewrite it with --write (exit 1 when a diff is printed)",
    )
    .argument("[dockerfile]", "the Dockerfile to fix", "Dockerfile")
    .option("-w, --write", "rewrite the file in place (atomically) instead of printing a diff")
    .option("--unsafe-fixes", "also apply fixes that may change behaviour (merge RUNs, slim base…)")
    .option(
      "--multi-stage",
      "convert a single-stage Dockerfile into a builder and a minimal runtime stage (unsafe; also in --unsafe-fixes)",
    )
    .addOption(
      new Option(
        "--base <kind>",
        "runtime base for --multi-stage (default: per language, docs/guide.md#recommended-runtime-base-per-language)",
      ).choices(["distroless", "chainguard", "slim", "scratch"] as const),
    )
    .option(
      "--smoke <instruction>",
      "with --verify, the command both images run to compare them, as a CMD instruction (default: their ENTRYPOINT/CMD)",
    )
    .option("--verify", "build the original and the fixed Dockerfile and report the measured sizes")
    .option("--context <dir>", "build context directory (default: the Dockerfile's directory)")
    .option("-c, --config <file>", "config file to use instead of searching for .ballast.yaml")
    .option("--no-config", "ignore .ballast.yaml files")
    .option("--ignore <rules>", "rule ids or hadolint codes not to fix (repeatable)", commaList)
    .option("--max-passes <n>", "re-lint and fix at most this many times", "10")
    .option(
      "--builder <name>",
      "builder for --verify: buildah or docker (default: buildah if found)",
    )
    .addOption(
      new Option("-f, --format <format>", "text (diff on stdout, summary on stderr) or json")
        .choices(["text", "json"] as const)
        .default("text" as const),
    )
    .option("--no-attribute", "with --verify, build only before and after, not each fix group")
    .action(async (dockerfile, opts) => {
      const path = await import("node:path");
      const { fixFile, writeFix } = await import("./fix-run.js");
      const { renderFixSummary } = await import("./fix-summary.js");
      const { InputError } = await import("../model/errors.js");
      const maxPasses = Number(opts.maxPasses);
      if (!Number.isInteger(maxPasses) || maxPasses < 1)
        throw new InputError(
          `--max-passes must be a positive whole number, got "${opts.maxPasses}"`,
        );
      const file = path.resolve(io.cwd, dockerfile);
      const fixOptions: import("./fix-run.js").FixRunOptions = {
        cwd: io.cwd,
        context: opts.context,
        config: opts.config === false ? false : (opts.config as string | undefined),
        ignore: opts.ignore ?? [],
        unsafe: opts.unsafeFixes === true,
        maxPasses,
        multiStage: opts.multiStage === true,
        base: opts.base,
      };
      const context = opts.context ? path.resolve(io.cwd, opts.context) : path.dirname(file);
      let run = await fixFile(file, fixOptions);
      // A conversion is proven before anything is written: --write then writes only a verified one.
      const verifyConversion = opts.verify === true && run.conversion?.ok === true;
      let check: import("../build/conversion.js").ConversionCheck | null = null;
      if (verifyConversion) {
        const [{ verifyConversion: verify }, { interruptible }] = await Promise.all([
          import("./fix-multistage.js"),
          import("./build-compare.js"),
        ]);
        const verified = await interruptible(io, (signal) =>
          verify(run, {
            io,
            context,
            builder: opts.builder,
            smoke: opts.smoke,
            signal,
            print: opts.format === "json" ? io.stderr : io.stdout,
            rerun: (extra) => fixFile(file, { ...fixOptions, ...extra }),
          }),
        );
        run = verified.run;
        check = verified.check;
      }
      const written = opts.write ? await writeFix(run) : false;
      if (opts.format === "json") {
        const { fixJson } = await import("./fix-summary.js");
        io.stdout(
          `${JSON.stringify({ ...fixJson(run, { written }), ...(check ? { verify: check } : {}) }, null, 2)}\n`,
        );
      } else {
        // A diff piped on (to patch, to a file) stays byte-exact; on a terminal, control
        // characters from the Dockerfile are shown escaped.
        if (!opts.write) {
          const { terminalLines } = await import("../model/terminal-text.js");
          io.stdout(io.stdoutIsTTY ? terminalLines(run.diff) : run.diff);
        }
        io.stderr(renderFixSummary(run, { written, unsafe: opts.unsafeFixes === true }));
      }
      if (opts.verify && !verifyConversion) {
        const { verifyFix } = await import("./build-compare.js");
        await verifyFix(run, {
          io,
          context,
          builder: opts.builder,
          unsafe: opts.unsafeFixes === true,
          attribute: opts.attribute !== false,
        });
      }
      // A refused --multi-stage leaves the file as it is and says so with exit 1 (nothing converted).
      const refused =
        run.multiStageAsked &&
        run.conversion?.ok === false &&
        !run.conversion.reason.startsWith("already a multi-stage");
      if (refused) return setExit(EXIT_FINDINGS);
      setExit(!opts.write && run.diff !== "" ? EXIT_FINDINGS : EXIT_OK);
    });
}
