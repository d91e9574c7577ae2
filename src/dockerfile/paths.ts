/**
 * Longest path the kernel accepts in one system call (Linux PATH_MAX). A WORKDIR beyond it
 * cannot be created, so the build fails there; following it further would only cost work.
 */
export const PATH_MAX = 4096;

/** The segments of `path` resolved against `workdir` (`~` and `$HOME` are /root; `.`, `..` applied). */
export function resolvedSegments(path: string, workdir: string): string[] {
  let p = path.replace(/^~(?=\/|$)/, "/root").replace(/^\$HOME(?=\/|$)/, "/root");
  if (!p.startsWith("/")) p = `${workdir.replace(/\/$/, "")}/${p}`;
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts;
}

/** Absolute, `~`-expanded path without trailing glob components or slashes. */
export function normalizePath(path: string, workdir: string): string {
  const parts = resolvedSegments(path, workdir);
  while (parts.length > 0 && /[*?[]/.test(parts[parts.length - 1])) parts.pop();
  return `/${parts.join("/")}`;
}
