import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError } from "../model/errors.js";
import type { CliIO } from "./io.js";

/**
 * Fails fast (exit 2, before an image is read) when `file` cannot be created because its
 * directory is missing: ballast does not create directories the user did not ask for.
 */
export function checkOutputPath(io: CliIO, flag: string, file: string | undefined): void {
  if (!file || file === "-") return;
  const dir = dirname(resolve(io.cwd, file));
  const kind = statSync(dir, { throwIfNoEntry: false });
  if (!kind) throw new InputError(`${flag} ${file}: directory ${dir} does not exist`);
  if (!kind.isDirectory()) throw new InputError(`${flag} ${file}: ${dir} is not a directory`);
}

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
  checkOutputPath(io, "--output", file);
  const { writeFile, rename } = await import("node:fs/promises");
  const path = resolve(io.cwd, file);
  const tmp = `${path}.${process.pid}.tmp`;
  // Colours are for terminals: a report written to a file never carries escape codes
  // (JSON escapes control characters itself, so only text output can hold them).
  await writeFile(tmp, text.replace(/\x1b\[[0-9;]*m/g, ""));
  await rename(tmp, path);
  io.stderr(`wrote ${path}\n`);
}
