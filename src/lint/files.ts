import { existsSync } from "node:fs";
import { open, readdir, readFile, stat } from "node:fs/promises";
import { MAX_DOCKERFILE_CHARS } from "../dockerfile/limits.js";
import path from "node:path";
import { InputError } from "../model/errors.js";
import type { BuildContext } from "../rules/rule.js";
import { sniffArchive } from "./archive-sniff.js";

/** Names `ballast lint DIR` picks up (issue 3 §5). */
export function isDockerfileName(name: string): boolean {
  return (
    name === "Dockerfile" ||
    name === "Containerfile" ||
    name.endsWith(".Dockerfile") ||
    (name.startsWith("Dockerfile.") && !name.endsWith(".dockerignore"))
  );
}

const SKIP_DIRS = new Set([
  ".git",
  "node_modules",
  "vendor",
  "dist",
  "target",
  ".venv",
  "__pycache__",
]);

/** Expands files and directories (searched recursively) into Dockerfile paths, sorted. */
export async function findDockerfiles(inputs: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    const info = await stat(full).catch(() => null);
    if (!info) throw new InputError(`${input}: no such file or directory`);
    if (info.isDirectory()) {
      const found = await walk(full);
      if (found.length === 0)
        throw new InputError(
          `${input}: no Dockerfile found (looked for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile)`,
        );
      out.push(...found);
    } else out.push(full);
  }
  return [...new Set(out)];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory() && !SKIP_DIRS.has(e.name))
      files.push(...(await walk(path.join(dir, e.name))));
    else if (e.isFile() && isDockerfileName(e.name)) files.push(path.join(dir, e.name));
  }
  return files;
}

/** Reads a Dockerfile as UTF-8; unreadable input is an InputError (exit 2). */
export async function readDockerfile(file: string): Promise<string> {
  return (await readDockerfileRaw(file)).replace(/^\uFEFF/, "");
}

/**
 * Reads a Dockerfile as UTF-8, BOM kept, reading at most MAX_DOCKERFILE_CHARS bytes: a
 * device or a huge file (`/dev/zero`) is refused instead of filling memory.
 */
export async function readDockerfileRaw(file: string): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, "r");
    const limit = MAX_DOCKERFILE_CHARS;
    const buf = Buffer.alloc(Math.min(limit + 1, Math.max((await handle.stat()).size + 1, 65536)));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
      total += bytesRead;
      if (total > limit)
        throw new InputError(
          `${file}: over ${limit / 1024 / 1024} MiB; ballast reads Dockerfiles up to ${limit / 1024 / 1024} MiB`,
        );
    }
    return Buffer.concat(chunks).toString("utf8");
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read${code ? ` (${code})` : ""}`);
  } finally {
    await handle?.close();
  }
}

/**
 * The build context as rules see it. BuildKit prefers `<Dockerfile>.dockerignore` next to
 * the Dockerfile over the context's `.dockerignore`.
 */
export async function readBuildContext(
  dockerfile: string,
  contextDir: string,
): Promise<BuildContext> {
  const candidates = [`${dockerfile}.dockerignore`, path.join(contextDir, ".dockerignore")];
  let dockerignore: string | null = null;
  for (const c of candidates) {
    const text = await readFile(c, "utf8").catch(() => null);
    if (text !== null) {
      dockerignore = text;
      break;
    }
  }
  return {
    dockerignore,
    exists: (p) => existsSync(path.join(contextDir, p)),
    isArchive: (p) => sniffArchive(contextDir, p),
  };
}
