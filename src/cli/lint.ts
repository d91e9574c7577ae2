import path from "node:path";
import { Option, type Command } from "@commander-js/extra-typings";
import { SEVERITIES } from "../model/finding.js";
import { InputError } from "../model/errors.js";
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from "./exit.js";
import type { CliIO } from "./io.js";
import { VERSION } from "./version.js";
import { commaList } from "./comma-list.js";

// Kept here rather than imported so that registering the command loads no lint code (cold start).
const FORMATS = [
  "text",
  "json",
  "sarif",
  "checkstyle",
  "gitlab",
  "junit",
  "markdown",
  // hadolint's names (issue 17): tty is text, gitlab_codeclimate is gitlab.
  "tty",
  "hadolint-json",
  "codeclimate",
  "gitlab_codeclimate",
  "gnu",
] as const;
const THRESHOLDS = [...SEVERITIES, "none"] as const;

export function registerLint(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("lint")
    .description(
      "lint Dockerfiles for size and security, knowing which stages reach the final image",
    )
    .argument(
      "[paths...]",
      "Dockerfiles, directories searched for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile, or - for stdin",
      ["."],
    )
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(FORMATS)
        .default("text" as const),
    )
    .addOption(
      new Option(
        "-t, --failure-threshold <severity>",
        "exit 1 when a finding is at least this severe (default: config, else info)",
      ).choices(THRESHOLDS),
    )
    .option("--context <dir>", "build context directory (default: the Dockerfile's directory)")
    .option(
      "-c, --config <file>",
      "config file to use instead of searching for .ballast.yaml upward",
    )
    .option("--no-config", "ignore .ballast.yaml files")
    .option(
      "--ignore <rules>",
      "rule ids or hadolint codes to skip (repeatable, comma-separated)",
      commaList,
    )
    .option("--enable <rules>", "opt-in rules to run (repeatable, comma-separated)", commaList)
    .option("--no-fail", "exit 0 even when findings reach the threshold (as hadolint's)")
    .option("--no-color", "no colors in text output")
    .option(
      "--trusted-registry <registry>",
      "registries FROM may pull from; others are reported (repeatable, as hadolint's)",
      commaList,
    )
    .option(
      "--require-label <label:format>",
      "a LABEL every image must set, with the value's format (text, url, semver, rfc3339, hash, spdx, email; repeatable)",
      commaList,
    )
    .option("--strict-labels", "report labels that the label schema does not list")
    .action(async (paths, opts) => {
      const { lintPaths } = await import("./lint-run.js");
      const result = await lintPaths(paths, {
        cwd: io.cwd,
        context: opts.context,
        config: opts.config === false ? false : opts.config,
        ignore: opts.ignore ?? [],
        enable: opts.enable ?? [],
        threshold: opts.failureThreshold,
        trustedRegistries: opts.trustedRegistry ?? [],
        requireLabels: opts.requireLabel ?? [],
        strictLabels: opts.strictLabels === true,
      });
      const { terminalText } = await import("../model/terminal-text.js");
      for (const notice of result.notices) io.stderr(`ballast: ${terminalText(notice)}\n`);
      for (const err of result.errors) io.stderr(`ballast: ${terminalText(err)}\n`);
      const { LINT_RENDERERS } = await import("../report/lint-renderers.js");
      const { ruleInfos } = await import("./lint-run.js");
      const color =
        (opts.format === "text" || opts.format === "tty") &&
        opts.color !== false &&
        io.stdoutIsTTY &&
        !io.env.NO_COLOR;
      io.stdout(
        LINT_RENDERERS[opts.format](result.findings, {
          files: result.files,
          rules: ruleInfos(),
          toolVersion: VERSION,
          color,
        }),
      );
      const failed = result.failed && opts.fail !== false;
      setExit(result.errors.length > 0 ? EXIT_ERROR : failed ? EXIT_FINDINGS : EXIT_OK);
    });

  program
    .command("rules")
    .description("list the Dockerfile lint rules")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json", "markdown"] as const)
        .default("text" as const),
    )
    .action(async (opts) => {
      const { listRules } = await import("./lint-run.js");
      io.stdout(listRules(opts.format));
      setExit(EXIT_OK);
    });

  program
    .command("rule")
    .description("print a lint rule's documentation")
    .argument("<id>", "rule id (e.g. apt-lists-not-removed) or hadolint code (e.g. DL3009)")
    .action(async (id) => {
      const { ruleDocs } = await import("./lint-run.js");
      const text = await ruleDocs(id);
      if (text === null) {
        const near = await (await import("./lint-run.js")).ruleSuggestions(id);
        const hint = near.length
          ? `did you mean ${near.map((n) => `"${n}"`).join(" or ")}?`
          : "run `ballast rules` for the list";
        throw new InputError(`unknown rule "${id}" (${hint})`);
      }
      io.stdout(text);
      setExit(EXIT_OK);
    });
}

/** Paths as shown in reports: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === "" || rel.startsWith("..") ? file : rel).split(path.sep).join("/");
}
