/** One installed package, as a package database records it. */
export interface InstalledPackage {
  name: string;
  version: string;
  /** Source package (dpkg `Source:`) or origin (apk `o:`), when it differs from the name. */
  source?: string;
  /** Installed size in bytes as the database states it (dpkg keeps KiB, so this is approximate). */
  installedSize?: number;
  /** Path of the database file that lists the package, for attribution to a layer. */
  db: string;
}

export type PackageFormat = "dpkg" | "apk" | "rpm";

/** The packages of an image, from the first database found. */
export interface PackageSet {
  format: PackageFormat | null;
  packages: InstalledPackage[];
  /** True when the database could only be read in part (content capped, or rpm's binary formats). */
  partial: boolean;
}
