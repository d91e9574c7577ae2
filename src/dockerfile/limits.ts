import { InputError } from "../model/errors.js";

/**
 * Input limits, so a hostile file costs bounded time and memory (issue 13 §4: a 10 MB
 * one-line Dockerfile took 13 s and 1.8 GB, 10 MB of short words 74–99 s and 3.1 GB; most of
 * it in dockerfile-ast, which spends microseconds per character of a long line). 8 MiB holds
 * a 100k-instruction file; the longest instructions of real Dockerfiles are a few KiB.
 */
export const MAX_DOCKERFILE_CHARS = 8 * 1024 * 1024;
export const MAX_INSTRUCTION_CHARS = 256 * 1024;

/**
 * Throws an InputError when the text or one of its instructions (lines joined by a trailing
 * escape character) is over the limit. One pass, before any parser sees the text.
 */
export function checkDockerfileSize(text: string, escape = guessEscape(text)): void {
  if (text.length > MAX_DOCKERFILE_CHARS)
    throw new InputError(
      `Dockerfile is ${mib(text.length)} MiB; ballast reads Dockerfiles up to ${mib(MAX_DOCKERFILE_CHARS)} MiB`,
    );
  let start = 0;
  let firstLine = 1;
  let line = 1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 10) continue;
    if (i - start > MAX_INSTRUCTION_CHARS)
      throw new InputError(
        `line ${firstLine}: instruction is ${kib(i - start)} KiB long; ballast reads instructions up to ${kib(MAX_INSTRUCTION_CHARS)} KiB`,
      );
    line++;
    if (!continues(text, start, i, escape)) {
      start = i + 1;
      firstLine = line;
    }
  }
}

/** True when the line [from, to) ends in the escape character (trailing blanks allowed). */
function continues(text: string, from: number, to: number, escape: string): boolean {
  let end = to;
  while (end > from && /[ \t\r]/.test(text[end - 1])) end--;
  return end > from && text[end - 1] === escape;
}

function guessEscape(text: string): string {
  return /^#\s*escape\s*=\s*`/im.test(text.slice(0, 4096)) ? "`" : "\\";
}

const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
const kib = (n: number) => Math.ceil(n / 1024).toString();
