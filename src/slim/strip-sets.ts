import { InputError } from "../model/errors.js";

/**
 * The strip sets of `ballast slim --strip` (issue 16): each names files that a running
 * container does not need, with the same paths the leftover detectors report
 * (analysis/findings/leftover-*.ts), so that what `analyze` reports is what `slim` can drop.
 */
export const STRIP_SET_NAMES = [
  "apt-lists",
  "package-caches",
  "docs",
  "locales",
  "python-bytecode",
  "git",
  "headers-static-libs",
  "tests",
] as const;

export type StripSetName = (typeof STRIP_SET_NAMES)[number];

/** What a strip set may ask about the image while deciding. */
export interface StripContext {
  /** True when a regular file exists at `path` in the final filesystem. */
  isFile(path: string): boolean;
  /** Locale names to keep (`--keep-locale`), matched as `en` ⊇ `en_GB`, `en@euro`, `en.UTF-8`. */
  keepLocales: readonly string[];
}

export interface StripSet {
  name: StripSetName;
  /** True for a non-directory path the set removes. */
  file(path: string, ctx: StripContext): boolean;
  /** True for a directory the set removes whole, with everything below it. */
  dir?(path: string): boolean;
}

const CACHE_ROOTS = [
  /^var\/cache\/apt\/archives\/(?!lock$|partial$)/,
  /^var\/cache\/apt\/[^/]+\.bin$/,
  /^var\/cache\/apk\//,
  /^etc\/apk\/cache\//,
  /^var\/cache\/(?:dnf|yum|libdnf5|zypp)\//,
  /(?:^|\/)\.cache\/(?:pip|yarn|pnpm|node-gyp|go-build)\//,
  /(?:^|\/)\.npm\/_cacache\//,
  /(?:^|\/)\.yarn\/berry\/cache\//,
  /(?:^|\/)\.local\/share\/pnpm\/store\//,
  /(?:^|\/)\.pnpm-store\//,
  /(?:^|\/)go\/pkg\/mod\//,
  /(?:^|\/)\.m2\/repository\//,
  /(?:^|\/)\.gradle\/(?:caches|wrapper\/dists)\//,
];
const CACHE_DIRS =
  /(?:^|\/)(?:\.cache\/(?:pip|yarn|pnpm|node-gyp|go-build)|\.npm\/_cacache|\.yarn\/berry\/cache|\.pnpm-store|go\/pkg\/mod|\.m2\/repository|\.gradle\/caches)$/;

const DOCS = /^usr\/(?:local\/)?share\/(?:doc|man|info|gtk-doc|help)\//;
/** Licences stay: Debian's own minimal images keep them too (path-include copyright). */
const LICENCE = /^usr\/share\/doc\/[^/]+\/copyright$/;
/** A message catalogue below a locale's directory, or a glibc locale source file. */
const LOCALE = /^usr\/(?:local\/)?share\/(?:locale\/([^/]+)\/|i18n\/locales\/([^/]+)$)/;
const PYC = /(?:^|\/)(?:__pycache__\/[^/]+\.py[co]|[^/]+\.py[co])$/;
const GIT = /(?:^|\/)\.git$/;
const HEADERS = /^usr\/(?:local\/)?include\//;
const STATIC_LIB = /^(?:usr\/(?:local\/)?)?lib[^/]*\/(?:[^/]+\/)*[^/]+\.a$/;
const TESTS =
  /(?:(?:site|dist)-packages|node_modules)\/(?:@[^/]+\/)?[^/]+\/(?:[^/]+\/)*?(?:tests?|__tests__)$|^usr\/(?:local\/)?lib\/python3(?:\.\d+)?\/test$/;

const under = (dir: RegExp) => (path: string) => {
  for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1))
    if (dir.test(path.slice(0, i))) return true;
  return false;
};

export const STRIP_SETS: Record<StripSetName, StripSet> = {
  "apt-lists": {
    name: "apt-lists",
    file: (p) => p.startsWith("var/lib/apt/lists/") && p !== "var/lib/apt/lists/lock",
  },
  "package-caches": {
    name: "package-caches",
    file: (p) => CACHE_ROOTS.some((re) => re.test(p)),
    dir: (p) => CACHE_DIRS.test(p),
  },
  docs: { name: "docs", file: (p) => DOCS.test(p) && !LICENCE.test(p) },
  locales: {
    name: "locales",
    file: (p, ctx) => {
      const m = LOCALE.exec(p);
      return m !== null && !keptLocale(m[1] ?? m[2], ctx.keepLocales);
    },
  },
  "python-bytecode": {
    name: "python-bytecode",
    // Only bytecode Python can rebuild: a sourceless package needs its .pyc files.
    file: (p, ctx) => PYC.test(p) && ctx.isFile(pythonSourceOf(p)),
  },
  git: { name: "git", file: under(GIT), dir: (p) => GIT.test(p) },
  "headers-static-libs": {
    name: "headers-static-libs",
    file: (p) => HEADERS.test(p) || STATIC_LIB.test(p),
  },
  tests: { name: "tests", file: under(TESTS), dir: (p) => TESTS.test(p) },
};

/** `C`, `POSIX` and the locales in `keep` stay; `en` keeps `en_GB`, `en@quot`, `en.UTF-8`. */
function keptLocale(name: string, keep: readonly string[]): boolean {
  if (name === "C" || name.startsWith("C.") || name === "POSIX") return true;
  return keep.some(
    (k) => name === k || (name.startsWith(k) && /^[_.@]/.test(name.slice(k.length))),
  );
}

/** `pkg/__pycache__/mod.cpython-311.pyc` → `pkg/mod.py`; `pkg/mod.pyc` → `pkg/mod.py` (PEP 3147). */
export function pythonSourceOf(pyc: string): string {
  const m = /^(.*\/)?__pycache__\/([^/.]+)\.[^/]+\.py[co]$/.exec(pyc);
  return m ? `${m[1] ?? ""}${m[2]}.py` : pyc.replace(/\.py[co]$/, ".py");
}

/** Parses `--strip a,b` (or `all`); throws a message listing the names on an unknown one. */
export function parseStripSets(value: string | undefined): StripSetName[] {
  if (!value) return [];
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.includes("all")) return [...STRIP_SET_NAMES];
  const unknown = names.filter((n) => !(STRIP_SET_NAMES as readonly string[]).includes(n));
  if (unknown.length)
    throw new InputError(
      `unknown strip set "${unknown[0]}" (known: ${STRIP_SET_NAMES.join(", ")}, or all)`,
    );
  return STRIP_SET_NAMES.filter((n) => names.includes(n));
}
