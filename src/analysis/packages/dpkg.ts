import type { InstalledPackage } from "./model.js";

/**
 * Parses a dpkg `status` file (deb-control(5) stanzas separated by blank lines), keeping
 * packages whose Status is `install ok installed`; distroless writes one stanza per file
 * under `status.d/` without a Status field, so a missing Status counts as installed.
 */
export function parseDpkgStatus(text: string, db: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const f = controlFields(stanza);
    if (!f.package) continue;
    if (f.status !== undefined && !/\binstalled$/.test(f.status.trim())) continue;
    const source = f.source?.split(/\s/)[0];
    const kib = Number(f["installed-size"]);
    out.push({
      name: f.package,
      version: f.version ?? "",
      ...(source && source !== f.package ? { source } : {}),
      ...(Number.isFinite(kib) && f["installed-size"] ? { installedSize: kib * 1024 } : {}),
      db,
    });
  }
  return out;
}

/** Field names lower-cased; continuation lines (leading space) belong to the previous field and are dropped. */
function controlFields(stanza: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of stanza.split("\n")) {
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s?(.*)$/.exec(line);
    if (m) fields[m[1].toLowerCase()] = m[2].trim();
  }
  return fields;
}

/** Package name from a `var/lib/dpkg/info/NAME[:ARCH].list` path, or undefined. */
export function packageOfListFile(path: string): string | undefined {
  const m = /^var\/lib\/dpkg\/info\/([^/:]+)(?::[^/]+)?\.list$/.exec(path);
  return m?.[1];
}

/** The paths a `.list` file names, without the leading "/" and without "/." (the root). */
export function parseListFile(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/^\/+/, ""))
    .filter((l) => l && l !== ".");
}
