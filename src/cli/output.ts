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
  // Colours are for terminals: a report written to a file never carries escape codes
  // (JSON escapes control characters itself, so only text output can hold them).
  await writeFile(tmp, text.replace(/\x1b\[[0-9;]*m/g, ""));
  await rename(tmp, path);
  io.stderr(`wrote ${path}\n`);
}
