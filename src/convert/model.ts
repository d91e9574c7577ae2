/** Types of the multi-stage conversion (issue 14): a single-stage Dockerfile in, builder + runtime out. */

export type Language = "go" | "c" | "python" | "node" | "java";

/** Runtime base families `--base` picks from (docs/guide.md#1-base-images per-language table). */
export type BaseKind = "distroless" | "chainguard" | "slim" | "scratch";

/** Files of the build context the conversion may look at (go.mod, tsconfig.json, `import "C"`). */
export interface ContextFiles {
  exists(path: string): boolean;
  /** Text of a small context file, or undefined when absent or unreadable. */
  read(path: string): string | undefined;
  /** Context-relative paths of the files, capped by the caller. */
  list(): readonly string[];
}

export interface ConvertOptions {
  base?: BaseKind;
  context?: ContextFiles;
  /**
   * Runtime packages found by reading the built builder stage (DT_NEEDED of the artifacts →
   * owning packages); replaces the guess from the installed `-dev` packages.
   */
  runtimeLibraries?: string[];
}

export interface Conversion {
  ok: true;
  language: Language;
  text: string;
  base: string;
  baseKind: BaseKind;
  /** What moved to the runtime stage and what was changed in the builder, for the summary. */
  moved: string[];
  caveats: string[];
  /** Paths in the builder whose ELF files need shared libraries at run time (C/C++, cgo, C extensions). */
  nativeArtifacts: string[];
  /** The runtime stage installs packages with this manager (for the library pass). */
  packageManager: "apt" | "apk" | null;
  runtimePackages: string[];
}

export interface Refusal {
  ok: false;
  reason: string;
}

export type ConvertResult = Conversion | Refusal;

/** A refusal travels as an exception inside the converter and comes out as a Refusal value. */
export class CannotConvert extends Error {}
