import { lookup } from "../filetree/merge.js";
import type { FsNode } from "../filetree/node.js";
import { parseListFile } from "../analysis/packages/dpkg.js";

const DPKG_INFO = "var/lib/dpkg/info";
const APK_INSTALLED = "lib/apk/db/installed";

/** Paths whose content slim keeps while reading, to learn which files packages own. */
export const OWNER_DB_PATHS =
  /^(?:var\/lib\/dpkg\/info\/[^/]+\.(?:list|conffiles)|var\/lib\/dpkg\/status|lib\/apk\/db\/installed)$/;

/** Which files the installed packages own, and which of them are config files. */
export interface PackageOwners {
  format: "dpkg" | "apk" | null;
  owned: Set<string>;
  conffiles: Set<string>;
}

/**
 * Reads file ownership from the final filesystem's package database: dpkg's
 * `info/*.list` and `*.conffiles`, or apk's `installed` (`F:` directory, `R:` file lines).
 * With usrmerge, dpkg lists `/bin/x` for what lives at `usr/bin/x`: both are recorded.
 */
export function readPackageOwners(root: FsNode): PackageOwners {
  const owned = new Set<string>();
  const conffiles = new Set<string>();
  const info = lookup(root, DPKG_INFO);
  if (info?.children) {
    for (const [name, node] of info.children) {
      const text = node.entry?.kind === "file" ? node.entry.content?.toString("utf8") : undefined;
      if (text === undefined) continue;
      const into = name.endsWith(".list") ? owned : name.endsWith(".conffiles") ? conffiles : null;
      if (into) for (const path of parseListFile(text)) addAliased(into, path);
    }
    return { format: "dpkg", owned, conffiles };
  }
  const apk = lookup(root, APK_INSTALLED)?.entry;
  if (apk?.kind === "file" && apk.content) {
    readApkInstalled(apk.content.toString("utf8"), owned);
    return { format: "apk", owned, conffiles };
  }
  return { format: null, owned, conffiles };
}

function addAliased(into: Set<string>, path: string): void {
  const clean = path.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  into.add(clean);
  if (/^(?:bin|sbin|lib[^/]*)\//.test(clean)) into.add(`usr/${clean}`);
}

function readApkInstalled(text: string, owned: Set<string>): void {
  let dir = "";
  for (const line of text.split("\n")) {
    if (line.startsWith("F:")) dir = line.slice(2).trim();
    else if (line.startsWith("R:"))
      addAliased(owned, dir ? `${dir}/${line.slice(2).trim()}` : line.slice(2).trim());
    else if (line === "") dir = "";
  }
}
