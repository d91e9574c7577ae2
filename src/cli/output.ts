import { resolve } from "node:path";
import type { CliIO } from "./io.js";

/**
 * Writes a rendered report to `--output FILE` (atomically: a half-written HTML file is worse
 * than none) or to stdout. A file path is resolved against the command's cwd.
 */
export async function writeOutput(
  io: CliIO,
  text: string,
  file: string | undefined,
): Promise<void> {
  if (!file || file === "-") {
    io.stdout(text);
    return;
  }
  const { writeFile, rename } = await import("node:fs/promises");
  const path = resolve(io.cwd, file);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
  io.stderr(`wrote ${path}\n`);
}
