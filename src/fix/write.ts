import { randomBytes } from "node:crypto";
import { open, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";

/**
 * Replaces `file` with `text` atomically: a temporary file in the same directory (so the rename
 * cannot cross filesystems) is written, flushed and renamed over the original, keeping its mode.
 * The original is untouched if anything fails before the rename.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const mode = (await stat(file).catch(() => null))?.mode ?? 0o644;
  const tmp = path.join(
    dir,
    `.${path.basename(file)}.ballast-${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  const handle = await open(tmp, "wx", mode & 0o7777);
  try {
    try {
      await handle.writeFile(text, "utf8");
      await handle.chmod(mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
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
