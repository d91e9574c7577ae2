import { describe, expect, it } from "vitest";
import {
  parseDpkgStatus,
  packageOfListFile,
  parseListFile,
} from "../../src/analysis/packages/dpkg.js";
import { parseApkInstalled } from "../../src/analysis/packages/apk.js";
import { readPackages } from "../../src/analysis/packages/index.js";
import { fakeScan, layer } from "./image.js";

const STATUS = `Package: libc6
Status: install ok installed
Priority: optional
Installed-Size: 12983
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u4
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.

Package: gcc-12
Status: deinstall ok config-files
Version: 12.2.0-14
Installed-Size: 10

Package: python3.11-minimal
Status: install ok installed
Installed-Size: 5400
Source: python3.11
Version: 3.11.2-6+deb12u1
`;

describe("dpkg", () => {
  it("keeps installed packages with version, source and size in bytes", () => {
    expect(parseDpkgStatus(STATUS, "var/lib/dpkg/status")).toEqual([
      {
        name: "libc6",
        version: "2.36-9+deb12u4",
        source: "glibc",
        installedSize: 12983 * 1024,
        db: "var/lib/dpkg/status",
      },
      {
        name: "python3.11-minimal",
        version: "3.11.2-6+deb12u1",
        source: "python3.11",
        installedSize: 5400 * 1024,
        db: "var/lib/dpkg/status",
      },
    ]);
  });
  it("reads distroless status.d stanzas that have no Status field", () => {
    expect(
      parseDpkgStatus("Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n", "x").map(
        (p) => p.name,
      ),
    ).toEqual(["tzdata"]);
  });
  it("names packages from .list files and reads their paths", () => {
    expect(packageOfListFile("var/lib/dpkg/info/libc6:amd64.list")).toBe("libc6");
    expect(packageOfListFile("var/lib/dpkg/info/gcc-12.list")).toBe("gcc-12");
    expect(packageOfListFile("var/lib/dpkg/info/gcc-12.md5sums")).toBeUndefined();
    expect(parseListFile("/.\n/usr\n/usr/bin/gcc-12\n")).toEqual(["usr", "usr/bin/gcc-12"]);
  });
});

describe("apk", () => {
  it("parses lib/apk/db/installed", () => {
    const text =
      "C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\nS:383152\nI:622592\no:musl\nF:lib\nR:ld-musl-x86_64.so.1\n\nP:busybox-binsh\nV:1.36.1-r29\nI:1\no:busybox\n";
    expect(parseApkInstalled(text, "lib/apk/db/installed")).toEqual([
      { name: "musl", version: "1.2.5-r0", installedSize: 622592, db: "lib/apk/db/installed" },
      {
        name: "busybox-binsh",
        version: "1.36.1-r29",
        source: "busybox",
        installedSize: 1,
        db: "lib/apk/db/installed",
      },
    ]);
  });
});

describe("readPackages", () => {
  it("prefers dpkg, merges distroless status.d, skips md5sums", () => {
    const scan = fakeScan({
      layers: [
        layer({
          "var/lib/dpkg/status.d/base-files": "Package: base-files\nVersion: 12.4\n",
          "var/lib/dpkg/status.d/base-files.md5sums": "abc  etc/x\n",
        }),
      ],
    });
    expect(readPackages(scan.tree.root)).toMatchObject({
      format: "dpkg",
      partial: false,
      packages: [{ name: "base-files", version: "12.4" }],
    });
  });
  it("reads apk, notices rpm, and reports none", () => {
    expect(
      readPackages(
        fakeScan({ layers: [layer({ "lib/apk/db/installed": "P:musl\nV:1\n" })] }).tree.root,
      ).format,
    ).toBe("apk");
    expect(
      readPackages(
        fakeScan({ layers: [layer({ "var/lib/rpm/rpmdb.sqlite": { size: 10 } })] }).tree.root,
      ),
    ).toEqual({ format: "rpm", packages: [], partial: true });
    expect(readPackages(fakeScan({ layers: [layer({ app: "x" })] }).tree.root)).toEqual({
      format: null,
      packages: [],
      partial: false,
    });
  });
  it("falls back to info/*.list names when status was not captured", () => {
    const scan = fakeScan({
      layers: [
        layer({
          "var/lib/dpkg/status": { size: 5 << 20 },
          "var/lib/dpkg/info/gcc-12.list": { size: 10 },
          "var/lib/dpkg/info/libc6:amd64.list": { size: 10 },
        }),
      ],
    });
    expect(readPackages(scan.tree.root)).toMatchObject({
      format: "dpkg",
      partial: true,
      packages: [{ name: "gcc-12" }, { name: "libc6" }],
    });
  });
});
