import { describe, expect, it } from "vitest";
import { readElf } from "../../src/analysis/findings/elf.js";
import { describeBase, captureFor } from "../../src/analysis/findings/index.js";
import { captureMatcher } from "../../src/analysis/capture.js";
import { programPaths } from "../../src/analysis/findings/entrypoint.js";
import type { ImageConfig } from "../../src/model/image.js";
import { elfBinary, goMarks } from "./elf.js";
import { fakeScan, layer, type FakeImage, type Spec } from "./image.js";

const GLIBC = "/lib64/ld-linux-x86-64.so.2";
const MUSL = "/lib/ld-musl-x86_64.so.1";

describe("readElf", () => {
  it.each([
    ["static", elfBinary(), { static: true, libc: "none" }],
    ["glibc", elfBinary(GLIBC), { static: false, interpreter: GLIBC, libc: "glibc" }],
    ["musl", elfBinary(MUSL), { static: false, interpreter: MUSL, libc: "musl" }],
    [
      "Go with version",
      elfBinary(undefined, goMarks("1.22.5")),
      { static: true, language: "go", goVersion: "1.22.5" },
    ],
    [
      "Rust",
      elfBinary(GLIBC, Buffer.from("…/rustc/9b00956e…")),
      { language: "rust", libc: "glibc" },
    ],
  ])("%s", (_, buf, expected) => {
    expect(readElf(buf)).toMatchObject(expected);
  });
  it("is undefined for scripts and short files", () => {
    expect(readElf(Buffer.from("#!/bin/sh\necho hi\n".padEnd(80)))).toBeUndefined();
    expect(readElf(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toBeUndefined();
  });
});

const cfg = (c: NonNullable<ImageConfig["config"]>): ImageConfig => ({
  architecture: "amd64",
  os: "linux",
  config: c,
  rootfs: { type: "layers", diff_ids: [] },
});

describe("programPaths and captureFor", () => {
  it("resolves the program through WorkingDir and PATH", () => {
    expect(programPaths(cfg({ Entrypoint: ["/app/server"], Cmd: ["--port", "80"] }))).toEqual([
      "app/server",
    ]);
    expect(programPaths(cfg({ Cmd: ["./run"], WorkingDir: "/srv" }))).toEqual(["srv/run"]);
    expect(programPaths(cfg({ Cmd: ["server"], Env: ["PATH=/opt/bin:/usr/bin"] }))).toEqual([
      "opt/bin/server",
      "usr/bin/server",
    ]);
    expect(programPaths(cfg({}))).toEqual([]);
  });
  it("captures the entrypoint besides the fixed paths, through usrmerge", () => {
    const capture = captureMatcher(captureFor(cfg({ Cmd: ["server"] })));
    expect(capture("usr/bin/server")).toBe(true);
    expect(capture("bin/server")).toBe(true);
    expect(capture("usr/bin/other")).toBe(false);
    expect(capture("etc/os-release")).toBe(true);
  });
});

/** An image whose files carry content as the real scan would keep it with captureFor. */
function image(
  files: Record<string, Spec>,
  config: NonNullable<ImageConfig["config"]>,
  base: Record<string, Spec> = {},
): FakeImage {
  const capture = captureMatcher(captureFor(cfg(config)));
  const strip = (entries: ReturnType<typeof layer>) =>
    entries.map((e) => (capture(e.path) || !e.content ? e : { ...e, content: undefined }));
  const withContent = (spec: Record<string, Spec>) =>
    strip(layer(spec)).map((e) => {
      const s = spec[e.path];
      return capture(e.path) && Buffer.isBuffer(s) ? { ...e, content: s } : e;
    });
  return {
    layers: [
      withContent({
        "etc/os-release": "ID=debian\nVERSION_ID=12\n",
        "usr/lib/x86_64-linux-gnu/libc.so.6": { size: 10 },
        "usr/bin/sh": { size: 1 },
        ...base,
      }),
      withContent(files),
    ],
    history: ["debootstrap", "/bin/sh -c #(nop) COPY file:x in /app "],
    config,
  };
}

describe("entrypoint-driven recommendation", () => {
  it("a static Go binary on Debian: Go runtime reported, scratch or distroless/static recommended", () => {
    const base = describeBase(
      fakeScan(image({ app: elfBinary(undefined, goMarks("1.22.5")) }, { Entrypoint: ["/app"] })),
    );
    expect(base.entrypoint).toMatchObject({
      path: "/app",
      kind: "elf",
      linkage: "static",
      libc: "none",
      language: "go",
      goVersion: "1.22.5",
    });
    expect(base.runtimes).toContainEqual(
      expect.objectContaining({ name: "go", version: "1.22.5", source: "file", path: "/app" }),
    );
    expect(base.recommendation).toMatchObject({
      target: "go",
      images: [{ ref: "scratch" }, { ref: "gcr.io/distroless/static-debian12" }],
    });
    expect(base.recommendation!.warnings.join()).not.toMatch(/only switch to scratch\/static if/);
  });
  it("a glibc-linked program: distroless/base or wolfi-base", () => {
    const base = describeBase(
      fakeScan(image({ "usr/local/bin/server": elfBinary(GLIBC) }, { Cmd: ["server"] })),
    );
    expect(base.entrypoint).toMatchObject({
      path: "/usr/local/bin/server",
      linkage: "dynamic",
      libc: "glibc",
    });
    expect(base.recommendation).toMatchObject({
      target: "native",
      images: [
        { ref: "gcr.io/distroless/base-debian12" },
        { ref: "cgr.dev/chainguard/wolfi-base" },
      ],
    });
  });
  it("a cgo Go binary gets the CGO_ENABLED=0 advice", () => {
    const base = describeBase(
      fakeScan(image({ app: elfBinary(GLIBC, goMarks("1.21.0")) }, { Entrypoint: ["/app"] })),
    );
    expect(base.recommendation!.target).toBe("native");
    expect(base.recommendation!.warnings.join()).toMatch(
      /dynamically linked \(cgo\): build it with CGO_ENABLED=0/,
    );
  });
  it("a musl program recommends Alpine, a script needs its interpreter, a missing entrypoint is said", () => {
    expect(
      describeBase(fakeScan(image({ app: elfBinary(MUSL) }, { Entrypoint: ["/app"] })))
        .recommendation?.target,
    ).toBe("native-musl");
    const script = describeBase(
      fakeScan(
        image({ "entry.sh": Buffer.from("#!/bin/sh\nexec /app\n") }, { Entrypoint: ["/entry.sh"] }),
      ),
    );
    expect(script.entrypoint).toMatchObject({ kind: "script", interpreter: "/bin/sh" });
    expect(script.recommendation!.warnings.join()).toMatch(/script run by \/bin\/sh/);
    expect(describeBase(fakeScan(image({}, { Entrypoint: ["/nope"] }))).entrypoint).toMatchObject({
      kind: "missing",
    });
  });
  it("follows symlinks to the program", () => {
    const img = image(
      {
        "usr/local/bin/server": { kind: "symlink", link: "../../../opt/srv/server" },
        "opt/srv/server": elfBinary(),
      },
      { Cmd: ["server"] },
    );
    // The link target is not on the capture list, so its bytes are not known: resolved but unreadable.
    expect(describeBase(fakeScan(img)).entrypoint).toMatchObject({
      path: "/opt/srv/server",
      kind: "unreadable",
    });
  });
});
