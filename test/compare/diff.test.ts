import { describe, expect, it } from "vitest";
import { mergeLayers } from "../../src/filetree/merge.js";
import type { LayerEntry } from "../../src/tar/layer-entry.js";
import type { ImageScan } from "../../src/analysis/scan.js";
import { diffImages, globMatcher, type DiffSide } from "../../src/analysis/diff.js";
import { finding, makeReport } from "./report-fixture.js";

const file = (
  path: string,
  size: number,
  sha = `${path}-${size}`,
  extra: Partial<LayerEntry> = {},
): LayerEntry => ({ path, kind: "file", size, mode: 0o644, uid: 0, gid: 0, digest: sha, ...extra });
const dir = (path: string): LayerEntry => ({
  path,
  kind: "dir",
  size: 0,
  mode: 0o755,
  uid: 0,
  gid: 0,
});
const scanOf = (layers: LayerEntry[][]): ImageScan => ({
  image: {} as ImageScan["image"],
  layers: [],
  tree: mergeLayers(layers),
});
const dpkg = (names: [string, string, number][]) =>
  Buffer.from(
    names
      .map(
        ([n, v, kib]) =>
          `Package: ${n}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${v}\nInstalled-Size: ${kib}\n`,
      )
      .join("\n"),
  );
const status = (content: Buffer) =>
  file(
    "var/lib/dpkg/status",
    content.length,
    `status-${content.toString("hex").slice(0, 16)}-${content.length}`,
    { content },
  );

const base = [dir("usr"), dir("usr/bin"), file("usr/bin/sh", 100), file("etc/os-release", 10)];
const before: DiffSide = {
  scan: scanOf([
    base,
    [
      file("usr/bin/python3", 5000),
      file("usr/share/doc/python3/README", 300),
      file("app/run.py", 40),
      status(
        dpkg([
          ["python3", "3.11.2", 40],
          ["openssl", "3.0.1", 2000],
        ]),
      ),
    ],
  ]),
  report: makeReport({
    layers: [
      [1000, 110, "debootstrap"],
      [3000, 5340, "RUN apt-get install -y python3"],
    ],
    findings: [
      finding("leftover-docs", "info", ["/usr/share/doc"]),
      finding("apt-lists", "warning"),
    ],
  }),
};
const after: DiffSide = {
  scan: scanOf([
    base,
    [
      file("usr/bin/python3", 5000),
      file("app/run.py", 44),
      file("app/util.py", 7),
      file("etc/os-release", 10, "etc/os-release-10", { mode: 0o600 }),
      status(dpkg([["python3", "3.11.4", 41]])),
    ],
  ]),
  report: makeReport({
    layers: [
      [1000, 110, "debootstrap"],
      [2500, 5051, "RUN apt-get install -y --no-install-recommends python3", "slim"],
    ],
    findings: [
      finding("leftover-docs", "info", ["/usr/share/man"]),
      finding("runs-as-root", "warning"),
    ],
  }),
};
// The shared base: same diff ID at layer 0 in both hand-built reports.
const d = diffImages(before, after);

describe("diffImages", () => {
  it("matches the shared base layer by diff ID and counts what a node already has", () => {
    expect(d.layers.shared).toEqual([
      expect.objectContaining({ before: 0, after: 0, sameBlob: true, compressedSize: 1000 }),
    ]);
    expect(d.layers.sharedBase).toEqual({ layers: 1, compressedSize: 1000, size: 110 });
    expect(d.cost.upgrade.pullBytes).toBe(2500);
  });

  it("size deltas are after − before of the two analyses", () => {
    expect(d.size.compressed).toEqual({ before: 4000, after: 3500, delta: -500 });
    expect(d.size.uncompressed).toEqual({ before: 5450, after: 5161, delta: -289 });
  });

  it("lists paths added, removed and changed with sizes, biggest first", () => {
    expect(d.paths.removed.map((p) => [p.path, p.delta])).toEqual([
      ["/usr/share/doc/python3/README", -300],
    ]);
    expect(d.paths.added.map((p) => [p.path, p.delta])).toEqual([["/app/util.py", 7]]);
    const changed = Object.fromEntries(d.paths.changed.map((p) => [p.path, p.reasons]));
    expect(changed["/app/run.py"]).toEqual(["content"]);
    expect(changed["/etc/os-release"]).toEqual(["mode"]);
    expect(changed["/usr/bin/python3"]).toBeUndefined();
    expect(d.paths.totals.removed).toEqual({ count: 1, bytes: 300 });
  });

  it("a content change of the same size is still a change (sha256 differs)", () => {
    const x = diffImages(
      { ...before, scan: scanOf([[file("a", 5, "one")]]) },
      { ...after, scan: scanOf([[file("a", 5, "two")]]) },
    );
    expect(x.paths.changed).toEqual([
      expect.objectContaining({ path: "/a", delta: 0, reasons: ["content"] }),
    ]);
  });

  it("rolls path changes up by directory", () => {
    expect(d.paths.directories[0]).toEqual({ path: "/usr/", delta: -300, paths: 1 });
  });

  it("reads package changes from dpkg status", () => {
    expect(d.packages?.manager).toBe("dpkg");
    expect(d.packages?.removed).toEqual([{ name: "openssl", version: "3.0.1", size: 2000 * 1024 }]);
    expect(d.packages?.changed).toEqual([
      { name: "python3", before: "3.11.2", after: "3.11.4", sizeDelta: 1024 },
    ]);
  });

  it("findings: fixed and introduced by rule, the rest still firing", () => {
    expect(d.findings.fixed.map((f) => f.rule)).toEqual(["apt-lists"]);
    expect(d.findings.introduced.map((f) => f.rule)).toEqual(["runs-as-root"]);
    expect(d.findings.remaining.map((f) => f.rule)).toEqual(["leftover-docs"]);
  });

  it("--include limits lists and totals to matching paths", () => {
    const only = diffImages(before, after, { include: ["/app/**"] });
    expect(
      [...only.paths.added, ...only.paths.removed, ...only.paths.changed].map((p) => p.path).sort(),
    ).toEqual(["/app/run.py", "/app/util.py"]);
    expect(only.paths.totals.removed.count).toBe(0);
  });
});

describe("globMatcher", () => {
  it.each([
    [["/usr/share/doc/**"], "/usr/share/doc/a/b", true],
    [["/usr/share/doc"], "/usr/share/doc/a", true],
    [["/usr/share/doc"], "/usr/share/docs/a", false],
    [["*.pyc"], "/usr/lib/x/__pycache__/a.pyc", true],
    [["*.pyc"], "/usr/lib/a.py", false],
    [["/usr/*/python3"], "/usr/bin/python3", true],
    [["/usr/*/python3"], "/usr/local/bin/python3", false],
    [["usr/**/python3"], "/usr/local/bin/python3", true],
    [["/a?c"], "/abc", true],
  ])("%j matches %s: %s", (globs, path, expected) =>
    expect(globMatcher(globs)(path)).toBe(expected),
  );
});
