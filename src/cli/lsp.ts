import type { Command } from "@commander-js/extra-typings";
import { InputError } from "../model/errors.js";
import type { CliIO } from "./io.js";

/** `ballast lsp --stdio`: the editor server (Language Server Protocol) on standard input and output. */
export function registerLsp(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command("lsp")
    .description(
      "run the editor server: Dockerfile diagnostics and fixes over the Language Server Protocol",
    )
    .option(
      "--stdio",
      "talk LSP over standard input and output (the only transport, and the default)",
    )
    .action(async () => {
      if (process.stdin.isTTY)
        throw new InputError(
          "lsp: standard input is a terminal; run it from an editor (`ballast lsp --stdio`)",
        );
      const { startServer } = await import("../lsp/server.js");
      setExit(await startServer(process.stdin, process.stdout));
    });
}
