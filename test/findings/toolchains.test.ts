import { describe, expect, it } from "vitest";
import toolchain from "../../src/analysis/findings/toolchain-in-image.js";
import devPackages from "../../src/analysis/findings/dev-packages-in-image.js";
import { detect, layer } from "./image.js";

const STATUS = [
  "Package: gcc-12\nStatus: install ok installed\nVersion: 12.2.0-14\nInstalled-Size: 60000\n",
  "Package: cpp-12\nStatus: install ok installed\nVersion: 12.2.0-14\nInstalled-Size: 30000\n",
  "Package: libc6-dev\nStatus: install ok installed\nVersion: 2.36-9\nInstalled-Size: 12000\n",
  "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nInstalled-Size: 13000\n",
].join("\n");

const base = layer({
  bin: { kind: "symlink", link: "usr/bin" },
  "usr/bin/dash": { size: 100 },
  "var/lib/dpkg/status": "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n",
});
const gccLayer = layer({
  "var/lib/dpkg/status": STATUS,
  "var/lib/dpkg/info/gcc-12.list":
    "/.\n/usr\n/usr/bin\n/usr/bin/gcc-12\n/usr/lib/gcc/x86_64-linux-gnu/12/cc1\n/bin/gcc-12-merged\n",
  "var/lib/dpkg/info/cpp-12.list": "/usr/bin/cpp-12\n/usr/lib/gcc/x86_64-linux-gnu/12/cc1\n",
  "var/lib/dpkg/info/libc6-dev:amd64.list":
    "/usr/include/stdio.h\n/usr/lib/x86_64-linux-gnu/libc.a\n",
  "usr/bin/gcc-12": { size: 1000 },
  "usr/bin/gcc": { kind: "symlink", link: "gcc-12" },
  "usr/bin/cpp-12": { size: 500 },
  "usr/bin/gcc-12-merged": { size: 7 },
  "usr/lib/gcc/x86_64-linux-gnu/12/cc1": { size: 30000 },
  "usr/include/stdio.h": { size: 40 },
  "usr/lib/x86_64-linux-gnu/libc.a": { size: 6000 },
});
const img = {
  layers: [base, gccLayer],
  history: ["debootstrap", "/bin/sh -c apt-get install -y gcc"],
};

describe("toolchain-in-image", () => {
  it("counts a dpkg toolchain's bytes exactly from its .list files, once per file, through usrmerge", () => {
    const found = detect(toolchain, img);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      layer: 1,
      origin: "user",
      bytes: 1000 + 30000 + 7 + 500,
      paths: ["/usr/bin/gcc", "/usr/bin/gcc-12"],
    });
    expect(found[0].message).toMatch(
      /^C\/C\+\+ compiler \(gcc\) in the final image: packages gcc-12 12\.2\.0-14, cpp-12 12\.2\.0-14; 31\.5 kB\. Build in a builder stage/,
    );
  });
  it("falls back to the database size without .list files, and to files without a database", () => {
    const noLists = layer({ "var/lib/dpkg/status": STATUS });
    expect(detect(toolchain, { layers: [noLists] })[0]).toMatchObject({ bytes: 90000 * 1024 });
    expect(detect(toolchain, { layers: [noLists] })[0].message).toContain(
      "installed size from the package database",
    );
    const filesOnly = detect(toolchain, {
      layers: [
        layer({
          "usr/local/go/bin/go": { size: 100 },
          "usr/local/go/pkg/tool/compile": { size: 900 },
          "usr/local/bin/cargo": { size: 5 },
          "usr/bin/javac": { size: 3 },
        }),
      ],
    });
    expect(filesOnly.map((f) => [f.message.split(" in the final")[0], f.bytes])).toEqual([
      ["Go toolchain", 1000],
      ["Rust toolchain", 5],
      ["JDK (javac) where a JRE would do", 3],
    ]);
  });
  it("attributes an apk toolchain to the first layer whose database lists it", () => {
    const musl = "P:musl\nV:1.2.5-r0\nI:622592\n";
    const gcc = "P:gcc\nV:13.2.1-r2\nI:80000000\n";
    const found = detect(toolchain, {
      layers: [
        layer({ "lib/apk/db/installed": musl, "usr/bin/busybox": { size: 1 } }),
        layer({ "lib/apk/db/installed": `${musl}\n${gcc}`, "usr/bin/gcc": { size: 900 } }),
        layer({ "lib/apk/db/installed": `${musl}\n${gcc}\nP:curl\nV:8\n` }),
      ],
      history: [
        { created_by: "/bin/sh -c #(nop) ADD file:x in / " },
        { created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', empty_layer: true },
        "/bin/sh -c apk add gcc",
        "/bin/sh -c apk add curl",
      ],
    });
    expect(found).toMatchObject([{ layer: 1, origin: "user", bytes: 80000000 }]);
  });
  it("is silent for runtimes without their build tools", () => {
    expect(
      detect(toolchain, {
        layers: [
          layer({
            "usr/bin/python3.11": { size: 1 },
            "usr/bin/java": { size: 1 },
            "usr/local/lib/node_modules/npm/node_modules/node-gyp/index.js": { size: 1 },
          }),
        ],
      }),
    ).toEqual([]);
  });
});

describe("dev-packages-in-image", () => {
  it("lists -dev packages with the bytes of their files", () => {
    const [f] = detect(devPackages, img);
    expect(f).toMatchObject({ bytes: 6040, layer: 1 });
    expect(f.message).toMatch(/^1 development package installed: libc6-dev; 6\.04 kB/);
  });
  it("is silent without -dev packages", () => {
    expect(detect(devPackages, { layers: [base] })).toEqual([]);
  });
});
