/**
 * Which files' first bytes a scan keeps (package databases, os-release, the entrypoint…).
 * Plain data rather than a function, so that worker threads can receive it.
 */
export interface CaptureList {
  /** Matched against the normalised path (no leading "/"). */
  patterns: RegExp[];
  /** Exact normalised paths. */
  paths: string[];
}

/** The predicate readLayer applies. */
export function captureMatcher(list: CaptureList): (path: string) => boolean {
  const exact = new Set(list.paths);
  const patterns = list.patterns;
  return (path) => exact.has(path) || patterns.some((re) => re.test(path));
}
