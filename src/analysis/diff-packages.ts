import type { PackageSet } from "./packages/index.js";

/** A package as the diff lists it. */
export interface DiffPackage {
  name: string;
  version: string;
  /** Installed size in bytes, as the database states it (dpkg keeps KiB, so approximate). */
  size?: number;
}

export interface PackageChanges {
  manager: "dpkg" | "apk" | "rpm" | "mixed";
  added: DiffPackage[];
  removed: DiffPackage[];
  changed: { name: string; before: string; after: string; sizeDelta?: number }[];
  /** Either side's database could only be read in part (content capped, rpm's binary formats). */
  truncated: boolean;
}

/**
 * Compares two package sets (read by analysis/packages) by name; lists biggest first, then
 * by name. Undefined when neither image has a package database.
 */
export function diffPackages(before: PackageSet, after: PackageSet): PackageChanges | undefined {
  if (!before.format && !after.format) return undefined;
  const toMap = (set: PackageSet) =>
    new Map(
      set.packages.map((p) => [
        p.name,
        {
          name: p.name,
          version: p.version,
          ...(p.installedSize !== undefined ? { size: p.installedSize } : {}),
        },
      ]),
    );
  const a = toMap(before);
  const b = toMap(after);
  const bySize = (x: DiffPackage, y: DiffPackage) =>
    (y.size ?? 0) - (x.size ?? 0) || x.name.localeCompare(y.name);
  const changed = [...b.values()]
    .filter((p) => a.has(p.name) && a.get(p.name)!.version !== p.version)
    .map((p) => {
      const old = a.get(p.name)!;
      const sizeDelta =
        p.size !== undefined && old.size !== undefined ? p.size - old.size : undefined;
      return {
        name: p.name,
        before: old.version,
        after: p.version,
        ...(sizeDelta !== undefined ? { sizeDelta } : {}),
      };
    })
    .sort((x, y) => x.name.localeCompare(y.name));
  const manager =
    before.format && after.format && before.format !== after.format
      ? "mixed"
      : (before.format ?? after.format)!;
  return {
    manager,
    added: [...b.values()].filter((p) => !a.has(p.name)).sort(bySize),
    removed: [...a.values()].filter((p) => !b.has(p.name)).sort(bySize),
    changed,
    truncated: before.partial || after.partial,
  };
}
