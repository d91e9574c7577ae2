import { Command, CommanderError } from "@commander-js/extra-typings";
import { EXIT_ERROR, EXIT_OK } from "./exit.js";
import { processIO, type CliIO } from "./io.js";
import { redact } from "./redact.js";
import { terminalLines, terminalText } from "../model/terminal-text.js";
import { VERSION } from "./version.js";
import { registerAnalyze } from "./analyze.js";
import { registerLint } from "./lint.js";
import { registerDiff } from "./diff.js";
import { registerCi } from "./ci.js";
import { registerFix } from "./fix.js";
import { registerBuildCompare } from "./build-compare.js";
import { registerDockerignore } from "./dockerignore.js";
import { registerScan } from "./scan.js";
import { registerSlim } from "./slim.js";
import { registerLsp } from "./lsp.js";
import { registerExplore } from "./explore.js";

/** Each command file registers itself; handlers lazy-load their heavy modules. */
const REGISTRARS: ((program: Command, io: CliIO, setExit: (code: number) => void) => void)[] = [
  registerAnalyze,
  registerLint,
  registerDiff,
  registerCi,
  registerFix,
  registerBuildCompare,
  registerDockerignore,
  registerScan,
  registerSlim,
  registerLsp,
  registerExplore,
];

/** Runs the CLI and returns the exit code. Never throws, never calls process.exit. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = EXIT_OK;
  const debug = argv.includes("--debug");
  const program = new Command()
    .name("ballast")
    .description("Find and drop the dead weight in container images.")
    .version(VERSION, "-V, --version")
    .option("--debug", "print stack traces on errors")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run with --help for usage)");
  for (const register of REGISTRARS) register(program, io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    }
    const message = err instanceof Error ? err.message : String(err);
    // Messages quote names and server replies from the input: never raw to the terminal.
    // A list of problems (gate-config.ts) keeps its lines.
    const shown = terminalText(redact(message)).replace(/\\n(?= {2}- )/g, "\n");
    io.stderr(`ballast: ${shown}\n`);
    if (debug && err instanceof Error && err.stack)
      io.stderr(`${terminalLines(redact(err.stack))}\n`);
    return EXIT_ERROR;
  }
}
