/**
 * Minimal readers for the two package databases `ballast diff` compares (no shared parser
 * existed under analysis/packages/ when this was written): dpkg's status file and apk's
 * installed database. Only name, version and installed size are read.
 */
export interface InstalledPackage {
  name: string;
  version: string;
  /** Installed size in bytes, as the database records it (dpkg stores KiB). */
  size?: number;
}

export interface PackageDatabase {
  manager: "dpkg" | "apk";
  path: string;
  packages: InstalledPackage[];
  /** The file was longer than the captured prefix: the list may be incomplete. */
  truncated: boolean;
}

export const PACKAGE_DB_PATHS = {
  dpkg: "var/lib/dpkg/status",
  apk: "lib/apk/db/installed",
} as const;

/** Paths whose content the diff needs captured during the scan. */
export const isPackageDbPath = (path: string): boolean =>
  path === PACKAGE_DB_PATHS.dpkg || path === PACKAGE_DB_PATHS.apk;

/** Reads dpkg's status (deb822 paragraphs); only packages whose Status ends in "installed" count. */
export function parseDpkgStatus(text: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of para.split("\n")) {
      const m = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
      if (m) fields.set(m[1].toLowerCase(), m[2].trim());
    }
    const name = fields.get("package");
    const status = fields.get("status") ?? "";
    // "install ok installed"; half-installed or config-files-only packages hold no payload.
    if (!name || !/\binstalled$/.test(status)) continue;
    const arch = fields.get("architecture");
    const kib = Number(fields.get("installed-size"));
    // A multi-arch package installed twice (libc6 and libc6:i386) is named as dpkg names the second.
    const seen = packages.some((p) => p.name === name);
    packages.push({
      name: seen && arch ? `${name}:${arch}` : name,
      version: fields.get("version") ?? "",
      ...(Number.isFinite(kib) && fields.has("installed-size") ? { size: kib * 1024 } : {}),
    });
  }
  return packages;
}

/** Reads apk's installed database: "P:" name, "V:" version, "I:" installed bytes, blank line between. */
export function parseApkInstalled(text: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  let current: Partial<InstalledPackage> = {};
  const flush = () => {
    if (current.name)
      packages.push({
        name: current.name,
        version: current.version ?? "",
        ...(current.size !== undefined ? { size: current.size } : {}),
      });
    current = {};
  };
  for (const line of text.split("\n")) {
    if (line.trim() === "") flush();
    else if (line.startsWith("P:")) current.name = line.slice(2).trim();
    else if (line.startsWith("V:")) current.version = line.slice(2).trim();
    else if (line.startsWith("I:")) current.size = Number(line.slice(2).trim());
  }
  flush();
  return packages;
}

export interface PackageChanges {
  manager: "dpkg" | "apk" | "mixed";
  added: InstalledPackage[];
  removed: InstalledPackage[];
  changed: { name: string; before: string; after: string; sizeDelta?: number }[];
  /** Either side's database was cut short by the capture limit. */
  truncated: boolean;
}

/** Compares two package lists by name; biggest first, then by name. */
export function diffPackages(
  before: PackageDatabase | undefined,
  after: PackageDatabase | undefined,
): PackageChanges | undefined {
  if (!before && !after) return undefined;
  const a = new Map((before?.packages ?? []).map((p) => [p.name, p]));
  const b = new Map((after?.packages ?? []).map((p) => [p.name, p]));
  const bySize = (x: InstalledPackage, y: InstalledPackage) =>
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
    before && after && before.manager !== after.manager ? "mixed" : (before ?? after)!.manager;
  return {
    manager,
    added: [...b.values()].filter((p) => !a.has(p.name)).sort(bySize),
    removed: [...a.values()].filter((p) => !b.has(p.name)).sort(bySize),
    changed,
    truncated: Boolean(before?.truncated || after?.truncated),
  };
}
