import type { Command } from "@commander-js/extra-typings";
import type { CliIO } from "./io.js";

export function registerAnalyze(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("analyze")
    .description("analyze a container image: layers, sizes, exact waste, duplicates")
    .argument("<image>", "image reference (docker-archive:PATH, oci:DIR[:tag], oci-archive:PATH, or a path)")
    .action(async () => {
      io.stderr("not yet\n");
      setExit(2);
    });
}
