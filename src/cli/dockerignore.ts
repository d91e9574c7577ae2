import { Option, type Command } from "@commander-js/extra-typings";
import { EXIT_OK } from "./exit.js";
import type { CliIO } from "./io.js";

/** `ballast dockerignore [CONTEXT]`: what a build sends, and the .dockerignore entries that would cut it. */
export function registerDockerignore(
  program: Command,
  io: CliIO,
  setExit: (code: number) => void,
): void {
  program
    .command("dockerignore")
    .description(
      "show what a build sends under .dockerignore (Docker's matching) and propose entries; --write merges them",
    )
    .argument("[context]", "build context directory", ".")
    .option(
      "--file <dockerfile>",
      "the Dockerfile whose COPY/ADD must keep working (default: CONTEXT/Dockerfile)",
    )
    .addOption(
      new Option("--builder <name>", "whose matching to use where builders differ (`**x` patterns)")
        .choices(["docker", "buildah"] as const)
        .default("docker" as const),
    )
    .option(
      "-w, --write",
      "append the proposed entries to the .dockerignore in effect (atomically)",
    )
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["text", "json"] as const)
        .default("text" as const),
    )
    .action(async (context, opts) => {
      const path = await import("node:path");
      const { analyzeContext } = await import("../dockerignore/run.js");
      const { renderDockerignore } = await import("../dockerignore/render.js");
      const dir = path.resolve(io.cwd, context);
      const analysis = await analyzeContext(
        dir,
        opts.file ? path.resolve(io.cwd, opts.file) : undefined,
        opts.builder,
      );
      let written = false;
      if (opts.write && analysis.proposals.length > 0) {
        const { writeFileAtomic } = await import("../fix/write.js");
        await writeFileAtomic(analysis.ignoreFile, analysis.merged);
        written = true;
      }
      if (opts.format === "json") {
        const { merged: _merged, ...rest } = analysis;
        io.stdout(`${JSON.stringify({ ...rest, written }, null, 2)}\n`);
      } else {
        const { terminalLines } = await import("../model/terminal-text.js");
        io.stdout(terminalLines(renderDockerignore(analysis, { shownContext: context, written })));
      }
      setExit(EXIT_OK);
    });
}
