import type { InstalledPackage } from "./model.js";

/**
 * Parses apk's `lib/apk/db/installed` (Alpine, Wolfi, Chainguard): one stanza per package,
 * single-letter keys (`P:` name, `V:` version, `o:` origin, `I:` installed size in bytes).
 */
export function parseApkInstalled(text: string, db: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const f: Record<string, string> = {};
    for (const line of stanza.split("\n")) {
      // Only the first occurrence of a key matters here; F:/R: repeat per file.
      if (line[1] === ":" && !(line[0] in f)) f[line[0]] = line.slice(2).trim();
    }
    if (!f.P) continue;
    const size = Number(f.I);
    out.push({
      name: f.P,
      version: f.V ?? "",
      ...(f.o && f.o !== f.P ? { source: f.o } : {}),
      ...(f.I && Number.isFinite(size) ? { installedSize: size } : {}),
      db,
    });
  }
  return out;
}
