import { lookup } from "../../filetree/merge.js";
import type { FsNode } from "../../filetree/node.js";
import { parseApkInstalled } from "./apk.js";
import { packageOfListFile, parseDpkgStatus } from "./dpkg.js";
import type { InstalledPackage, PackageSet } from "./model.js";

export type { InstalledPackage, PackageFormat, PackageSet } from "./model.js";

const DPKG_STATUS = "var/lib/dpkg/status";
const DPKG_STATUS_D = "var/lib/dpkg/status.d";
const DPKG_INFO = "var/lib/dpkg/info";
const APK_INSTALLED = "lib/apk/db/installed";
/** rpm keeps its database as sqlite (RHEL 9, Fedora 33+), BerkeleyDB or ndb: not parsed, only noticed. */
const RPM_DBS = [
  "var/lib/rpm/rpmdb.sqlite",
  "var/lib/rpm/Packages",
  "var/lib/rpm/Packages.db",
  "usr/lib/sysimage/rpm/rpmdb.sqlite",
];
/** The scan keeps this many bytes of a captured file (scan.ts default). */
const CAPTURE_LIMIT = 1 << 20;

/** Paths whose content the package readers need. */
export const PACKAGE_DB_PATHS: RegExp[] = [
  /^var\/lib\/dpkg\/status$/,
  /^var\/lib\/dpkg\/status\.d\/[^/]+$/,
  /^lib\/apk\/db\/installed$/,
];

/** Reads the installed packages from the merged filesystem: dpkg, distroless status.d, apk; rpm is noticed only. */
export function readPackages(root: FsNode): PackageSet {
  const dpkg = readDpkg(root);
  if (dpkg) return dpkg;
  const apk = lookup(root, APK_INSTALLED)?.entry;
  if (apk?.kind === "file") {
    const text = apk.content?.toString("utf8") ?? "";
    return {
      format: "apk",
      packages: parseApkInstalled(text, APK_INSTALLED),
      partial: apk.size > (apk.content?.length ?? 0),
    };
  }
  if (RPM_DBS.some((p) => lookup(root, p)?.entry?.kind === "file"))
    return { format: "rpm", packages: [], partial: true };
  return { format: null, packages: [], partial: false };
}

function readDpkg(root: FsNode): PackageSet | undefined {
  const packages: InstalledPackage[] = [];
  let partial = false;
  let found = false;
  const status = lookup(root, DPKG_STATUS)?.entry;
  if (status?.kind === "file") {
    found = true;
    packages.push(...parseDpkgStatus(status.content?.toString("utf8") ?? "", DPKG_STATUS));
    partial ||= status.size > CAPTURE_LIMIT || (status.size > 0 && !status.content);
  }
  const dir = lookup(root, DPKG_STATUS_D);
  for (const [name, node] of dir?.children ?? []) {
    if (node.entry?.kind !== "file" || name.endsWith(".md5sums")) continue;
    found = true;
    packages.push(
      ...parseDpkgStatus(node.entry.content?.toString("utf8") ?? "", `${DPKG_STATUS_D}/${name}`),
    );
  }
  if (!found) return undefined;
  if (partial) addFromListFiles(root, packages);
  return { format: "dpkg", packages, partial };
}

/** When `status` was cut short, every `info/NAME.list` still proves NAME is installed. */
function addFromListFiles(root: FsNode, packages: InstalledPackage[]): void {
  const known = new Set(packages.map((p) => p.name));
  for (const name of lookup(root, DPKG_INFO)?.children?.keys() ?? []) {
    const pkg = packageOfListFile(`${DPKG_INFO}/${name}`);
    if (pkg && !known.has(pkg)) {
      known.add(pkg);
      packages.push({ name: pkg, version: "", db: `${DPKG_INFO}/${name}` });
    }
  }
}
