import { constants, type Stats } from "node:fs";
import { randomBytes } from "node:crypto";
import { access, open, realpath, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../model/errors.js";

/**
 * Replaces the content of `file` with `text`, losing nothing (issue 13 §3):
 * - a symlink is followed (however many hops) and its target rewritten; the link stays a link;
 * - a file with one link is replaced atomically: a temporary file in the target's own directory
 *   (so the rename cannot cross filesystems) is written, given the original mode and owner,
 *   fsynced and renamed over it, and the directory is fsynced;
 * - a file with several hard links, or whose owner this process cannot give to a new file, is
 *   rewritten in place, so every link and the owner stay; docs/fix-write.md says how;
 * - a file without any write bit (0444), or that this process may not write, is refused with an
 *   InputError, even for root; so is anything that is not a regular file.
 * A file that does not exist yet is created (mode 0644). `shown` names the file in errors.
 */
export async function writeFileAtomic(file: string, text: string, shown = file): Promise<void> {
  const target = await realpath(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw new InputError(`${shown}: cannot resolve (${err.code ?? err.message}); not written`);
  });
  if (target === null) return replaceFile(path.resolve(file), text, null, shown);
  const info = await stat(target);
  refuseUnwritable(info, shown);
  await access(target, constants.W_OK).catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`${shown}: not writable (${err.code ?? "EACCES"}); not written`);
  });
  if (info.nlink > 1 || !canGiveOwner(info)) return rewriteInPlace(target, text, shown);
  return replaceFile(target, text, info, shown);
}

function refuseUnwritable(info: Stats, shown: string): void {
  if (!info.isFile()) throw new InputError(`${shown}: not a regular file; not written`);
  if ((info.mode & 0o222) === 0) {
    const mode = (info.mode & 0o7777).toString(8).padStart(4, "0");
    throw new InputError(
      `${shown}: read-only (mode ${mode}); not written (make it writable, e.g. chmod u+w, to let --write change it)`,
    );
  }
}

/** Only root may give a file away; anyone may keep their own uid and one of their groups. */
function canGiveOwner(info: Stats): boolean {
  if (process.getuid === undefined || process.getuid() === 0) return true;
  const groups = process.getgroups?.() ?? [];
  return (
    info.uid === process.getuid() && (info.gid === process.getgid?.() || groups.includes(info.gid))
  );
}

async function replaceFile(
  target: string,
  text: string,
  info: Stats | null,
  shown: string,
): Promise<void> {
  const dir = path.dirname(target);
  const mode = info ? info.mode & 0o7777 : 0o644;
  const tmp = await writeTemp(target, text, shown, async (handle) => {
    // chown first: it clears set-id bits, which chmod then restores.
    if (info) await handle.chown(info.uid, info.gid);
    await handle.chmod(mode);
  });
  try {
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

/**
 * Overwrites the inode's content. The new text is first staged in a fsynced temporary file, so
 * a full disk fails before the original is touched and an interrupted rewrite leaves the fixed
 * text behind, named in the error.
 */
async function rewriteInPlace(target: string, text: string, shown: string): Promise<void> {
  const staged = await writeTemp(target, text, shown, async () => undefined);
  const bytes = Buffer.from(text, "utf8");
  try {
    const handle = await open(target, "r+");
    try {
      await handle.write(bytes, 0, bytes.length, 0);
      await handle.truncate(bytes.length);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new InputError(
      `${shown}: rewriting in place failed (${code}); the fixed text is in ${staged}`,
    );
  }
  await unlink(staged);
}

async function writeTemp(
  target: string,
  text: string,
  shown: string,
  prepare: (handle: Awaited<ReturnType<typeof open>>) => Promise<void>,
): Promise<string> {
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.ballast-${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  const handle = await open(tmp, "wx", 0o600).catch((err: NodeJS.ErrnoException) => {
    throw new InputError(
      `${shown}: cannot create a temporary file in ${path.dirname(target)} (${err.code ?? err.message}); not written`,
    );
  });
  try {
    try {
      await handle.writeFile(text, "utf8");
      await prepare(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return tmp;
}

/** Makes the rename itself durable (POSIX: the directory entry lives in the directory). */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r").catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** Line-ending and BOM facts of a file's text, so a rewrite can give them back. */
export interface TextShape {
  crlf: boolean;
  bom: boolean;
}

/** Normalises to `\n` without BOM (rules and fixes work on that) and records what was there. */
export function normalizeText(raw: string): { text: string; shape: TextShape } {
  const bom = raw.startsWith("\uFEFF");
  const body = bom ? raw.slice(1) : raw;
  const crlf = body.includes("\r\n") && !/(^|[^\r])\n/.test(body);
  return { text: crlf ? body.replace(/\r\n/g, "\n") : body, shape: { crlf, bom } };
}

/** Undoes normalizeText. */
export function restoreText(text: string, shape: TextShape): string {
  const body = shape.crlf ? text.replace(/\n/g, "\r\n") : text;
  return shape.bom ? `\uFEFF${body}` : body;
}
