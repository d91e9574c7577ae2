import { describe, expect, it } from "vitest";
import { describeBase } from "../../src/analysis/findings/describe.js";
import alternative from "../../src/analysis/findings/base-image-alternative.js";
import { parseOsRelease } from "../../src/analysis/findings/facts.js";
import { detect, fakeScan, layer, type FakeImage } from "./image.js";

const DEBIAN =
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';
const debianBase = layer({
  "usr/lib/os-release": DEBIAN,
  "etc/os-release": { kind: "symlink", link: "../usr/lib/os-release" },
  "usr/lib/x86_64-linux-gnu/libc.so.6": { size: 1926232 },
  "usr/bin/dash": { size: 125000 },
  "usr/bin/apt-get": { size: 10 },
  "usr/bin/dpkg": { size: 10 },
  "var/lib/dpkg/status":
    "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9+deb12u4\n\nPackage: python3.11-minimal\nStatus: install ok installed\nVersion: 3.11.2-6+deb12u1\n",
});
const python: FakeImage = {
  layers: [
    debianBase,
    layer({
      "usr/bin/python3.11": { size: 6834488 },
      "usr/bin/python3": { kind: "symlink", link: "python3.11" },
    }),
  ],
  history: [
    "debootstrap",
    {
      created_by: "/bin/sh -c apt-get install -y python3",
      comment: "FROM localhost/debian:bookworm-minbase",
    },
  ],
  config: { Cmd: ["python3", "/app/app.py"] },
};

describe("describeBase", () => {
  it("identifies Debian 12, glibc, the base boundary, and Python with its package version", () => {
    const base = describeBase(fakeScan(python));
    expect(base).toMatchObject({
      kind: "debian",
      family: "debian",
      distro: { id: "debian", versionId: "12" },
      baseLayers: 1,
      baseLayersSource: "buildah",
      libc: "glibc",
      libcVersion: "2.36-9+deb12u4",
      shell: true,
      packageManagers: ["apt-get", "dpkg"],
      runtimes: [
        {
          name: "python",
          version: "3.11.2",
          source: "package",
          path: "/usr/bin/python3.11",
          layer: 1,
        },
      ],
    });
    expect(base.recommendation).toMatchObject({
      target: "python",
      // The image runs Python 3.11: the slim image of the same minor, not the guide's 3.12.
      images: [{ ref: "cgr.dev/chainguard/python" }, { ref: "python:3.11-slim" }],
    });
    expect(base.recommendation!.expectedSize).toBeUndefined();
    expect(base.baseBytes + base.userBytes).toBe(
      python.layers.flat().reduce((s, e) => s + e.size, 0),
    );
    expect(base.userBytes).toBe(6834488);
    expect(base.recommendation!.removes).toContain("shell");
    expect(base.recommendation!.warnings.join()).toMatch(/Avoid Alpine for Python: musl/);
  });
  it("the suggested base follows the runtime's version: Node 18 → node:18-slim", () => {
    const node = { ...python, config: { Env: ["NODE_VERSION=18.20.4"], Cmd: ["node", "app.js"] } };
    node.layers = [debianBase, layer({ "usr/local/bin/node": { size: 90_000_000 } })];
    const rec = describeBase(fakeScan(node)).recommendation!;
    expect(rec.target).toBe("node");
    expect(rec.images.map((i) => i.ref)).toEqual(["cgr.dev/chainguard/node", "node:18-slim"]);
    const unknown = { ...node, config: { Cmd: ["node", "app.js"] } };
    expect(describeBase(fakeScan(unknown)).recommendation!.images[1].ref).toBe("node:20-slim");
  });
  it("prefers the ENV version official images set", () => {
    const img = { ...python, config: { Env: ["PYTHON_VERSION=3.12.4"], Cmd: ["python3"] } };
    expect(describeBase(fakeScan(img)).runtimes[0]).toMatchObject({
      version: "3.12.4",
      source: "env",
    });
  });
  it.each([
    [
      "distroless",
      layer({
        "etc/os-release": 'PRETTY_NAME="Distroless"\nID=debian\nVERSION_ID="12"\n',
        "var/lib/dpkg/status.d/libc6": "Package: libc6\nVersion: 2.36\n",
      }),
      "distroless",
      "debian",
    ],
    [
      "chainguard",
      layer({ "etc/os-release": 'ID=wolfi\nNAME="Wolfi"\nHOME_URL="https://wolfi.dev"\n' }),
      "wolfi",
      "wolfi",
    ],
    [
      "alpine",
      layer({
        "etc/os-release": "ID=alpine\nVERSION_ID=3.20.1\n",
        "lib/ld-musl-x86_64.so.1": { size: 10 },
      }),
      "alpine",
      "alpine",
    ],
    ["ubuntu", layer({ "etc/os-release": 'ID=ubuntu\nVERSION_ID="24.04"\n' }), "ubuntu", "debian"],
    [
      "chainguard by URL",
      layer({ "etc/os-release": 'ID=wolfi\nHOME_URL="https://chainguard.dev/"\n' }),
      "chainguard",
      "wolfi",
    ],
    ["rhel family", layer({ "etc/os-release": 'ID="rocky"\nVERSION_ID="9.3"\n' }), "rhel", "rhel"],
    ["other distro", layer({ "etc/os-release": "ID=arch\n" }), "other", "other"],
    [
      "busybox",
      layer({ "bin/busybox": { size: 10 }, "bin/sh": { kind: "hardlink", link: "bin/busybox" } }),
      "busybox",
      "none",
    ],
    ["scratch", layer({ app: { size: 10 } }), "scratch", "none"],
  ])("%s", (_, entries, kind, family) => {
    expect(describeBase(fakeScan({ layers: [entries] }))).toMatchObject({ kind, family });
  });
  it("musl and no libc", () => {
    expect(
      describeBase(fakeScan({ layers: [layer({ "lib/ld-musl-x86_64.so.1": { size: 1 } })] })).libc,
    ).toBe("musl");
    expect(describeBase(fakeScan({ layers: [layer({ app: { size: 1 } })] })).libc).toBe("none");
  });
  it("finds node, a JDK, go and dotnet", () => {
    const base = describeBase(
      fakeScan({
        layers: [
          layer({
            "usr/local/bin/node": { size: 1 },
            "usr/lib/jvm/java-17-openjdk-amd64/bin/java": { size: 1 },
            "usr/lib/jvm/java-17-openjdk-amd64/bin/javac": { size: 1 },
            "usr/local/go/bin/go": { size: 1 },
            "usr/local/go/VERSION": "go1.22.5\ntime 2024-06-26\n",
            "usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.6/x.dll": { size: 1 },
          }),
        ],
        config: { Env: ["NODE_VERSION=20.15.0"] },
      }),
    );
    expect(base.runtimes.map((r) => [r.name, r.version, r.jdk ?? null])).toEqual([
      ["node", "20.15.0", null],
      ["java", "17", true],
      ["go", "1.22.5", null],
      ["dotnet", "8.0.6", null],
    ]);
  });
  it("recommends static bases with a CA-certificate warning for a static binary on a distro", () => {
    const img = {
      layers: [
        layer({ "etc/os-release": "ID=debian\n", "usr/bin/sh": { size: 1 } }),
        layer({ app: { size: 10 } }),
        layer({ "etc/app.conf": { size: 5 } }),
      ],
      history: [
        "debootstrap",
        "/bin/sh -c make app",
        "/bin/sh -c #(nop) COPY file:abc in /etc/app.conf ",
      ],
      config: { Entrypoint: ["/app"] },
    };
    const rec = describeBase(fakeScan(img)).recommendation!;
    expect(rec.target).toBe("static");
    expect(rec.images[0].ref).toBe("gcr.io/distroless/static-debian12");
    expect(rec.warnings.join()).toMatch(/scratch has no CA certificates/);
    expect(rec.expectedSize).toBe("~2 MB + 5 B copied in by COPY/ADD");
  });
  it("no recommendation on distroless, chainguard, or scratch with a static binary", () => {
    expect(
      describeBase(
        fakeScan({
          layers: [layer({ "etc/os-release": 'PRETTY_NAME="Distroless"\nID=debian\n' })],
        }),
      ).recommendation,
    ).toBeNull();
    expect(
      describeBase(fakeScan({ layers: [layer({ app: { size: 1 } })] })).recommendation,
    ).toBeNull();
  });
});

describe("base-image-alternative", () => {
  it("reports the recommendation as an info finding", () => {
    const [f] = detect(alternative, python);
    expect(f.severity).toBe("info");
    expect(f.message).toMatch(
      /^Runs python on Debian GNU\/Linux 12 \(bookworm\), whose 1 base layer weighs [\d.]+ MB\. Use cgr\.dev\/chainguard\/python or python:3\.11-slim/,
    );
  });
});

describe("parseOsRelease", () => {
  it("unquotes and unescapes values", () => {
    expect(parseOsRelease('NAME="A \\"B\\""\nID=x\n# c\nVERSION=\'1\'\n')).toEqual({
      NAME: 'A "B"',
      ID: "x",
      VERSION: "1",
    });
  });
});
