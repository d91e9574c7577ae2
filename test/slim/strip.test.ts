import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { entries, layerTar, writeOciLayout } from "../helpers/build-image.js";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { listTar, readLayout } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-strip-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(tmp, `case${n++}`);

/** A base with a dpkg database: pkg owns its doc file and a conffile under /usr/share/doc. */
const BASE = {
  "var/lib/dpkg/status": "Package: pkg\nStatus: install ok installed\nVersion: 1\n\n",
  "var/lib/dpkg/info/pkg.list":
    "/.\n/usr/share/doc/pkg/README\n/usr/share/doc/pkg/conf.example\n/usr/share/locale/de/LC_MESSAGES/pkg.mo\n",
  "var/lib/dpkg/info/pkg.conffiles": "/usr/share/doc/pkg/conf.example\n",
};

const APP = {
  "usr/share/doc/pkg/README": "owned doc",
  "usr/share/doc/pkg/conf.example": "conffile",
  "usr/share/doc/pkg/copyright": "licence",
  "usr/share/doc/app/NOTES": "unowned doc",
  "usr/share/man/man1/app.1": "man page",
  "usr/share/locale/de/LC_MESSAGES/pkg.mo": "owned de",
  "usr/share/locale/fr/LC_MESSAGES/app.mo": "fr",
  "usr/share/locale/en_GB/LC_MESSAGES/app.mo": "en_GB",
  "usr/share/locale/locale.alias": "alias",
  "app/lib/python3.11/site-packages/m/__pycache__/x.cpython-311.pyc": "pyc with source",
  "app/lib/python3.11/site-packages/m/x.py": "source",
  "app/lib/python3.11/site-packages/m/__pycache__/y.cpython-311.pyc": "sourceless",
  "app/lib/python3.11/site-packages/m/tests/test_x.py": "test",
  "app/src/.git/HEAD": "ref",
  "app/src/.git/objects/ab": "object",
  "app/src/main.c": "main",
  "usr/include/app.h": "header",
  "usr/lib/libapp.a": "static",
  "var/lib/apt/lists/lock": "",
  "var/lib/apt/lists/deb_Packages": "lists",
  "var/cache/apt/archives/x.deb": "deb",
  "root/.cache/pip/http/1": "pip",
};

async function strip(args: string[]) {
  const src = writeOciLayout(fresh(), [
    { layers: [await layerTar(entries(BASE)), await layerTar(entries(APP))] },
  ]);
  const out = fresh();
  const io = captureIO();
  const code = await main(
    ["slim", `oci:${src}`, "-o", `oci:${out}`, "-q", "--base-layers", "1", "-f", "json", ...args],
    io,
  );
  expect(io.err).toBe("");
  expect(code).toBe(0);
  const files = (await listTar(readLayout(out).layers[1]))
    .filter((m) => m.type === "file")
    .map((m) => m.name);
  return { files, summary: JSON.parse(io.out) };
}

describe("strip sets", () => {
  it("strips what each set names, keeping package-owned files, conffiles, licences and sourceless bytecode", async () => {
    const { files, summary } = await strip(["--strip", "all", "--keep-locale", "en"]);
    expect(files.sort()).toEqual(
      [
        "app/lib/python3.11/site-packages/m/__pycache__/y.cpython-311.pyc",
        "app/lib/python3.11/site-packages/m/x.py",
        "app/src/main.c",
        "usr/share/doc/pkg/README",
        "usr/share/doc/pkg/conf.example",
        "usr/share/doc/pkg/copyright",
        "usr/share/locale/de/LC_MESSAGES/pkg.mo",
        "usr/share/locale/en_GB/LC_MESSAGES/app.mo",
        "usr/share/locale/locale.alias",
        "var/lib/apt/lists/lock",
      ].sort(),
    );
    const bySet = Object.fromEntries(
      summary.strip.map((s: { set: string; bytes: number }) => [s.set, s.bytes]),
    );
    expect(bySet).toEqual({
      "apt-lists": 5,
      "package-caches": 6,
      docs: "unowned doc".length + "man page".length,
      locales: 2,
      "python-bytecode": "pyc with source".length,
      git: 3 + 6,
      "headers-static-libs": "header".length + "static".length,
      tests: 4,
    });
    const docs = summary.strip.find((s: { set: string }) => s.set === "docs");
    expect(docs.keptOwnedBytes).toBe("owned doc".length + "conffile".length);
  });

  it("--aggressive also strips package-owned files, never a conffile", async () => {
    const { files } = await strip(["--strip", "docs,locales", "--aggressive"]);
    expect(files).not.toContain("usr/share/doc/pkg/README");
    expect(files).not.toContain("usr/share/locale/de/LC_MESSAGES/pkg.mo");
    expect(files).toContain("usr/share/doc/pkg/conf.example");
  });

  it("strips nothing without --strip", async () => {
    const { files, summary } = await strip([]);
    expect(files).toHaveLength(Object.keys(APP).length);
    expect(summary.strip).toEqual([]);
  });
});
