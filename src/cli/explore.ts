import { constants } from "node:os";
import type { Command } from "@commander-js/extra-typings";
import type { CliIO } from "./io.js";
import { EXIT_OK } from "./exit.js";
import { InputError } from "../model/errors.js";
import { addImageOptions, type ImageFlags } from "./image-side.js";

export function registerExplore(
  program: Command,
  io: CliIO,
  setExit: (code: number) => void,
): void {
  addImageOptions(program.command("explore"))
    .description(
      "walk an image layer by layer in a full-screen terminal view: files each layer added, modified and deleted, waste and its blame",
    )
    .argument("<image>", "an image reference, as for `ballast analyze`")
    .option("--base-layers <n>", "how many layers belong to the base image")
    .action(async (ref, opts) => {
      const stdin = process.stdin;
      const stdout = process.stdout;
      // Checked before the image is read: a pipe gets the error at once, not after the scan.
      if (!stdin.isTTY || !stdout.isTTY)
        throw new InputError(
          "explore needs a terminal; in scripts use `ballast analyze IMAGE --layer N --format json`",
        );
      const { parseBaseLayers } = await import("./history-lint.js");
      const baseLayers = parseBaseLayers(opts.baseLayers);
      // ink (through is-in-ci) treats any CI variable, even empty, as "not interactive" and
      // draws only the last frame at exit. Both ends are terminals here, so this is a session.
      delete process.env.CI;
      delete process.env.CONTINUOUS_INTEGRATION;
      // The view (ink, react: ~1.5 s to load on a busy machine) loads while the image is read.
      const view = Promise.all([import("../explore/data.js"), import("../explore/terminal.js")]);
      view.catch(() => undefined);
      const data = await exploreImage(ref, opts as ImageFlags, baseLayers, io, view);
      const [, { runTerminal }] = await view;
      const { signal } = await runTerminal(data, { stdin, stdout, color: !io.env.NO_COLOR });
      // Ended by a signal: the shell's usual status for it (SIGTERM: 143).
      setExit(signal ? 128 + constants.signals[signal] : EXIT_OK);
    });
}

/** Reads and analyses the image, keeping only what the explorer shows (the scan's merged tree goes). */
async function exploreImage(
  ref: string,
  flags: ImageFlags,
  baseLayers: number | undefined,
  io: CliIO,
  view: Promise<[typeof import("../explore/data.js"), unknown]>,
) {
  const { openRef, analyzeOpened } = await import("./image-side.js");
  const opened = await openRef(ref, flags, io);
  let analyzed: Awaited<ReturnType<typeof analyzeOpened>>;
  try {
    analyzed = await analyzeOpened(opened, { baseLayers });
  } finally {
    await opened.image.close();
  }
  const [{ exploreData }] = await view;
  return exploreData(
    analyzed.report,
    analyzed.scan.layers.map((l) => l.entries),
  );
}
