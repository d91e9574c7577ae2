/**
 * .dockerignore with Docker's exact semantics, ported from moby/patternmatcher
 * (`ignorefile.ReadAll`, `NewPatternMatcher`, `Pattern.compile/match`, `MatchesOrParentMatches`).
 * @balena/dockerignore agrees with Docker on 106 of 107 checks (LIBRARIES.md (k)); its miss,
 * `**foo` matching `barfoo` through Docker's boundary-less suffix match, is a consequence of how
 * Docker classifies patterns, so the whole classification is reproduced here rather than patched.
 */

export interface Pattern {
  /** The pattern as Docker keeps it (cleaned, relative, without `!`). */
  pattern: string;
  exclusion: boolean;
  /**
   * True for `**x` patterns whose meaning differs between builders: Docker/BuildKit
   * (moby/patternmatcher) match any path ending in `x`, buildah/podman (containers/storage's
   * older fileutils, checked against buildah 1.28) only `x` and `…/x`.
   */
  buildersDisagree: boolean;
  /** 1-based line in the .dockerignore. */
  line: number;
  match(path: string): boolean;
}

export class DockerignoreError extends Error {
  override name = "DockerignoreError";
}

/** Parses .dockerignore text into patterns in order; throws on what Docker rejects. */
/** Whose matcher to reproduce; they differ only on `**x` patterns (see Pattern.buildersDisagree). */
export type Dialect = "docker" | "buildah";

export function parseDockerignore(text: string, dialect: Dialect = "docker"): Pattern[] {
  const out: Pattern[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      // Only a `#` in the first column starts a comment; "  # x" is a pattern.
      if (raw.startsWith("#")) return;
      let p = raw.trim();
      if (p === "") return;
      const invert = p.startsWith("!");
      if (invert) p = p.slice(1).trim();
      if (p.length > 0) {
        p = cleanPath(p);
        if (p.length > 1 && p.startsWith("/")) p = p.slice(1);
      }
      if (invert) p = `!${p}`;
      out.push(compilePattern(p, i + 1, dialect));
    });
  return out;
}

/** NewPatternMatcher's per-pattern step: trim, clean (the `!` included, as Docker does), split off `!`. */
function compilePattern(source: string, line: number, dialect: Dialect): Pattern {
  let p = cleanPath(source.trim());
  let exclusion = false;
  if (p.startsWith("!")) {
    if (p.length === 1) throw new DockerignoreError(`line ${line}: illegal exclusion pattern: "!"`);
    exclusion = true;
    p = p.slice(1);
  }
  if (!validGlob(p)) throw new DockerignoreError(`line ${line}: syntax error in pattern "${p}"`);
  try {
    const { match, suffixQuirk } = matcherFor(p, dialect);
    return { pattern: p, exclusion, line, match, buildersDisagree: suffixQuirk };
  } catch (err) {
    throw new DockerignoreError(`line ${line}: ${(err as Error).message}`);
  }
}

type Kind = "exact" | "prefix" | "suffix" | "regexp";

/** Pattern.compile: a pattern is an exact, prefix, suffix or regexp match. */
function matcherFor(
  pattern: string,
  dialect: Dialect,
): { match: (path: string) => boolean; suffixQuirk: boolean } {
  let re = "^";
  let kind: Kind = "exact";
  const chars = [...pattern];
  for (let i = 0, n = 0; i < chars.length; i++, n++) {
    const ch = chars[i];
    if (ch === "*") {
      if (chars[i + 1] === "*") {
        i++;
        if (chars[i + 1] === "/") i++;
        if (i + 1 >= chars.length) {
          // The regexp gets `.*` either way; Docker uses it only when the pattern is a regexp already.
          re += ".*";
          kind = kind === "exact" ? "prefix" : "regexp";
        } else {
          re += "(.*/)?";
          kind = "regexp";
        }
        if (n === 0) kind = "suffix";
      } else {
        re += "[^/]*";
        kind = "regexp";
      }
    } else if (ch === "?") {
      re += "[^/]";
      kind = "regexp";
    } else if (".+()|{}$".includes(ch)) {
      re += `\\${ch}`;
    } else if (ch === "\\") {
      if (i + 1 < chars.length) {
        re += `\\${chars[++i]}`;
        kind = "regexp";
      } else re += "\\\\";
    } else if (ch === "[" || ch === "]") {
      re += ch;
      kind = "regexp";
    } else {
      re += ch;
    }
  }
  let regexp: RegExp;
  try {
    // Go's regexp and JS agree on what is emitted here: `[!a]` is the set {!, a}, `[^a]` a negation.
    regexp = new RegExp(`${re}$`);
  } catch {
    throw new DockerignoreError(`syntax error in pattern "${pattern}"`);
  }
  const suffix = pattern.slice(2);
  const suffixQuirk = kind === "suffix" && suffix !== "" && !suffix.startsWith("/");
  // buildah's matcher is regexp-only, as moby's was before it grew exact/prefix/suffix kinds.
  if (dialect === "buildah" || kind === "regexp")
    return { match: (path) => regexp.test(path), suffixQuirk };
  if (kind === "exact") return { match: (path) => path === pattern, suffixQuirk };
  if (kind === "prefix") {
    const prefix = pattern.slice(0, -2);
    return { match: (path) => path.startsWith(prefix), suffixQuirk };
  }
  // No path boundary: `**foo` matches `barfoo`; `**/foo` matches `a/foo` and `foo` itself.
  return {
    match: (path) => path.endsWith(suffix) || (suffix.startsWith("/") && path === suffix.slice(1)),
    suffixQuirk,
  };
}

/** MatchesOrParentMatches: the last pattern that matches the path or one of its parents decides. */
export function isExcluded(patterns: readonly Pattern[], file: string): boolean {
  const path = cleanPath(file);
  // "Don't let them exclude everything, kind of silly."
  if (path === ".") return false;
  let matched = false;
  const parent = dirname(path);
  const parentDirs = parent.split("/");
  for (const p of patterns) {
    // An exclusion only matters once matched, an inclusion only before.
    if (p.exclusion !== matched) continue;
    let match = p.match(path);
    if (!match && parent !== ".") {
      for (let i = 0; i < parentDirs.length && !match; i++)
        match = p.match(parentDirs.slice(0, i + 1).join("/"));
    }
    if (match) matched = !p.exclusion;
  }
  return matched;
}

/** Go's filepath.Clean for slash paths. */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
      else if (!rooted) parts.push("..");
    } else parts.push(part);
  }
  const joined = parts.join("/");
  return rooted ? `/${joined}` : joined || ".";
}

function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : p.slice(0, i);
}

/** The syntax check Docker runs through filepath.Match: brackets must close, a trailing `\` is bad. */
function validGlob(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "\\") {
      if (i + 1 >= p.length) return false;
      i++;
    } else if (p[i] === "[") {
      let j = i + 1;
      if (p[j] === "^") j++;
      if (p[j] === "]") return false;
      while (j < p.length && p[j] !== "]") {
        if (p[j] === "\\") j++;
        j++;
      }
      if (j >= p.length) return false;
      i = j;
    }
  }
  return true;
}
