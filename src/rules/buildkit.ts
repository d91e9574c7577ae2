import type { Dockerfile, Instruction } from "../dockerfile/model.js";

/** The instruction as written (keyword casing included), from the Dockerfile text. */
export function rawText(df: Dockerfile, instr: Instruction): string {
  return df.text.slice(instr.span.start, instr.span.end);
}

/** The `AS name` of a FROM as written, or null. */
export function stageNameAsWritten(instr: Instruction): { as: string; name: string } | null {
  const i = instr.args.findIndex((a) => a.toLowerCase() === "as");
  return i > 0 && instr.args[i + 1] ? { as: instr.args[i], name: instr.args[i + 1] } : null;
}

/** Build args BuildKit defines itself (docs.docker.com: automatic platform ARGs, proxy ARGs). */
export const PREDEFINED_ARGS = new Set([
  "BUILDPLATFORM",
  "BUILDOS",
  "BUILDARCH",
  "BUILDVARIANT",
  "TARGETPLATFORM",
  "TARGETOS",
  "TARGETARCH",
  "TARGETVARIANT",
  "TARGETSTAGE",
  "BUILDKIT_SYNTAX",
  "HTTP_PROXY",
  "http_proxy",
  "HTTPS_PROXY",
  "https_proxy",
  "FTP_PROXY",
  "ftp_proxy",
  "NO_PROXY",
  "no_proxy",
  "ALL_PROXY",
  "all_proxy",
]);

/** Names of `$VAR` / `${VAR…}` expansions in a word (escaped `\$` skipped). */
export function variablesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(
    /(?<!\\)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g,
  ))
    out.push(m[1] ?? m[2]);
  return out;
}
