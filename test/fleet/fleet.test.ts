import { describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import {
  decodeLayerSummary,
  encodeLayerSummary,
  type LayerSummary,
} from "../../src/fleet/layer-codec.js";
import { nextPage } from "../../src/fleet/catalog.js";
import { parseTargets } from "../../src/cli/scan.js";
import { servesCapture } from "../../src/fleet/layers.js";
import { buildFleetReport } from "../../src/fleet/report.js";
import { storeKey } from "../../src/fleet/store.js";
import type { FleetEntry, FleetScan } from "../../src/fleet/scan.js";
import type { ImageReport } from "../../src/model/report.js";

const D = (c: string) => `sha256:${c.repeat(64)}`;

const summary: LayerSummary = {
  capturedPaths: ["usr/bin/app"],
  read: {
    compression: "gzip",
    estargz: false,
    tarBytes: 4096,
    entries: [
      { path: "usr", kind: "dir", size: 0, mode: 0o755, uid: 0, gid: 0 },
      {
        path: "usr/bin/app",
        kind: "file",
        size: 5,
        mode: 0o755,
        uid: 1,
        gid: 2,
        digest: "ab",
        content: Buffer.from("\x7fELF\x02"),
      },
      { path: "usr/bin/sh", kind: "symlink", size: 0, mode: 0o777, uid: 0, gid: 0, link: "dash" },
      { path: "etc/.wh.x", kind: "whiteout", size: 0, mode: 0, uid: 0, gid: 0 },
    ],
  },
};

describe("layer summaries", () => {
  it("round-trip every field, captured bytes included", () => {
    expect(decodeLayerSummary(encodeLayerSummary(summary), "t")).toEqual(summary);
  });
  it("a damaged or foreign entry is an InputError, not a crash", () => {
    expect(() => decodeLayerSummary(Buffer.from("nope"), "t")).toThrow(
      /not a ballast layer summary/,
    );
    const other = gzipSync(JSON.stringify({ v: 99, paths: [] }));
    expect(() => decodeLayerSummary(other, "t")).toThrow(/another version or damaged/);
    const short = gzipSync(
      JSON.stringify({
        v: 1,
        paths: ["a"],
        kinds: "0",
        sizes: [],
        modes: [0],
        uids: [0],
        gids: [0],
      }),
    );
    expect(() => decodeLayerSummary(short, "t")).toThrow(/damaged/);
  });
  it("serve an image whose program is captured, or not in the layer at all", () => {
    expect(servesCapture(summary, { patterns: [], paths: ["usr/bin/app"] })).toBe(true);
    expect(servesCapture(summary, { patterns: [], paths: ["usr/bin/other"] })).toBe(true);
    // The program is a file of this layer, but its first bytes were not kept.
    const none = { ...summary, capturedPaths: [] };
    expect(servesCapture(none, { patterns: [], paths: ["usr/bin/app"] })).toBe(false);
  });
  it("store keys accept only well-formed digests (they become file names)", () => {
    expect(storeKey("layer", D("a"))).toBe(`layer/v1/sha256/${"a".repeat(64)}`);
    expect(() => storeKey("layer", "sha256:../../etc/passwd")).toThrow(/not a valid digest/);
  });
});

describe("catalog pagination and targets", () => {
  it("follows rel=next links that stay on the registry", () => {
    expect(nextPage('</v2/_catalog?last=b&n=2>; rel="next"', "catalog")).toBe(
      "/v2/_catalog?last=b&n=2",
    );
    expect(nextPage(undefined, "catalog")).toBeUndefined();
    expect(nextPage('</v2/x>; rel="prev"', "catalog")).toBeUndefined();
    expect(() => nextPage('<https://evil.example/v2/_catalog>; rel="next"', "catalog")).toThrow(
      /off the registry/,
    );
  });
  it("splits HOST[/REPO] arguments, one registry per scan", () => {
    expect(parseTargets(["127.0.0.1:5000"])).toEqual({
      registry: "127.0.0.1:5000",
      repositories: [],
    });
    expect(parseTargets(["docker://r.io/a/b", "r.io/c"])).toEqual({
      registry: "r.io",
      repositories: ["a/b", "c"],
    });
    expect(() => parseTargets(["a.io/x", "b.io/y"])).toThrow(/one registry per scan/);
    expect(() => parseTargets(["bad host"])).toThrow(/not a registry host/);
  });
});

/** A report with just what the fleet aggregation reads. */
function report(
  layers: { d: string; size: number; diffId?: string }[],
  o: Partial<ImageReport> & { baseLayers?: number; distro?: string } = {},
): ImageReport {
  return {
    image: { created: o.image?.created },
    size: {
      compressed: layers.reduce((s, l) => s + l.size, 0),
      uncompressed: 0,
      visible: 0,
      files: 0,
    },
    layerCount: layers.length,
    layers: layers.map((l, i) => ({
      index: i,
      digest: l.d,
      diffId: l.diffId ?? l.d.replace("sha256", "diff"),
      compressedSize: l.size,
      size: l.size * 2,
      createdBy: "",
    })),
    waste: { reclaimable: 10, shadowed: 10, deleted: 0, items: [] },
    findings: o.findings ?? [],
    base: {
      kind: "debian",
      family: "debian",
      distro: { id: "debian", versionId: o.distro ?? "12" },
      baseLayers: o.baseLayers ?? 1,
    },
  } as unknown as ImageReport;
}

const entry = (repository: string, tag: string, r: ImageReport): FleetEntry => ({
  repository,
  tags: [tag],
  manifestDigest: D(String(repository.length % 10)),
  ref: "",
  report: r,
});

describe("fleet report arithmetic (hand-checked)", () => {
  // Base A (layer a, 100 B) is used by two images, base B (layer b, 40 B) by one.
  const scan: FleetScan = {
    registry: "r.io",
    stats: { layersRead: 4, layerBytesRead: 1, storeHits: 0 },
    errors: [],
    entries: [
      entry(
        "x",
        "1",
        report(
          [
            { d: D("a"), size: 100 },
            { d: D("c"), size: 7 },
          ],
          { findings: [{ rule: "r1", severity: "info", message: "", bytes: 3 }] },
        ),
      ),
      entry(
        "yy",
        "1",
        report(
          [
            { d: D("a"), size: 100 },
            { d: D("e"), size: 9 },
          ],
          {
            findings: [
              { rule: "r1", severity: "info", message: "", bytes: 4 },
              { rule: "r1", severity: "info", message: "" },
            ],
          },
        ),
      ),
      entry(
        "zzz",
        "1",
        report([
          { d: D("b"), size: 40 },
          { d: D("f"), size: 5 },
        ]),
      ),
      { repository: "w", tags: ["t"], manifestDigest: D("9"), ref: "", error: "boom" },
    ],
  };
  it("storage with and without dedup, shared layers, bases, findings", async () => {
    const r = await buildFleetReport(scan, { loadLayer: async () => undefined });
    // referenced 107 + 109 + 45 = 261; unique 100 + 7 + 9 + 40 + 5 = 161; shared: a (100 B)
    expect(r.storage).toEqual({
      referencedBytes: 261,
      uniqueBytes: 161,
      distinctLayers: 5,
      sharedLayers: 1,
      sharedLayerBytes: 100,
    });
    expect(r.scanned).toEqual({ repositories: 4, tags: 4, images: 4, failed: 1 });
    expect(r.reclaimableBytes).toBe(30);
    expect(r.images.map((i) => i.pullBytes)).toEqual([109, 107, 45]);
    // One Debian 12 group, two variants: moving zzz onto base A saves base B's 40 B.
    expect(r.bases).toHaveLength(1);
    expect(r.bases[0]).toMatchObject({ images: 3, consolidationSavesBytes: 40 });
    expect(r.bases[0]!.variants.map((v) => v.images)).toEqual([2, 1]);
    // r1: two images (yy counted once), 3 + 4 bytes.
    expect(r.findings).toEqual([
      { rule: "r1", severity: "info", images: 2, bytes: 7, examples: ["x:1", "yy:1"] },
    ]);
    expect(r.errors).toEqual([{ subject: `w@${D("9")}`, error: "boom" }]);
  });
  it("--top cuts lists and counts what it left out; totals stay exact", async () => {
    const r = await buildFleetReport(scan, { top: 2, loadLayer: async () => undefined });
    expect(r.images).toHaveLength(2);
    expect(r.truncated.images).toBe(1);
    expect(r.layers.map((l) => l.compressedSize)).toEqual([100, 40]);
    expect(r.truncated.layers).toBe(3);
    expect(r.storage.uniqueBytes).toBe(161);
  });
  it("near-duplicates: one diff ID under two digests, and layers with most files in common", async () => {
    const big = 2 << 20;
    const files = (n: number, extra = 0) =>
      Array.from({ length: n }, (_, i) => ({
        path: `f${i}`,
        kind: "file" as const,
        size: big,
        mode: 0,
        uid: 0,
        gid: 0,
        digest: `h${i}`,
      })).concat(
        extra
          ? [
              {
                path: "x",
                kind: "file" as const,
                size: extra,
                mode: 0,
                uid: 0,
                gid: 0,
                digest: "hx",
              },
            ]
          : [],
      );
    const reads: Record<string, LayerSummary> = {
      [D("1")]: {
        capturedPaths: [],
        read: { compression: "gzip", estargz: false, tarBytes: 0, entries: files(10) },
      },
      [D("2")]: {
        capturedPaths: [],
        read: { compression: "gzip", estargz: false, tarBytes: 0, entries: files(10, big) },
      },
    };
    const s: FleetScan = {
      ...scan,
      entries: [
        entry(
          "p",
          "1",
          report([
            { d: D("1"), size: big },
            { d: D("3"), size: big, diffId: "diff:same" },
          ]),
        ),
        entry(
          "qq",
          "1",
          report([
            { d: D("2"), size: big },
            { d: D("4"), size: big, diffId: "diff:same" },
          ]),
        ),
      ],
    };
    const r = await buildFleetReport(s, { loadLayer: async (d) => reads[d] });
    expect(r.nearDuplicates).toContainEqual({
      a: D("3"),
      b: D("4"),
      kind: "same-content",
      sharedBytes: 2 * big,
      similarity: 1,
    });
    // All 10 files of layer 1 are in layer 2, which has 11 of that size: 10/11 ≥ 0.9.
    expect(r.nearDuplicates).toContainEqual({
      a: D("1"),
      b: D("2"),
      kind: "similar",
      sharedBytes: 10 * big,
      similarity: 10 / 11,
    });
  });
});

describe("listed names", () => {
  it("fake registry listing (Distribution refuses such names): a tag outside the grammar is skipped and named", async () => {
    const { listTags } = await import("../../src/fleet/catalog.js");
    const invalid: string[] = [];
    const client = {
      list: async () => ({ json: { tags: ["1.0", "\u001b]0;pwned\u0007", "../x", "b"] } }),
    } as unknown as Parameters<typeof listTags>[0];
    const tags = await listTags(client, "a", { onInvalid: (_w, n) => invalid.push(n) });
    expect(tags).toEqual(["1.0", "b"]);
    expect(invalid).toEqual(["\u001b]0;pwned\u0007", "../x"]);
  });
});

describe("a registry that cannot be listed", () => {
  it("is an error (exit 2), not an empty fleet", async () => {
    const { createServer } = await import("node:net");
    // A real TCP server that accepts and closes every connection: no registry behind it.
    const server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const { main } = await import("../../src/cli/main.js");
      const { captureIO } = await import("../../src/cli/io.js");
      const io = captureIO();
      const code = await main(
        ["scan", `127.0.0.1:${port}/team/app`, "--retries", "0", "--timeout", "2"],
        io,
      );
      expect(code).toBe(2);
      expect(io.err).toMatch(/^ballast: team\/app: .*127\.0\.0\.1/);
      expect(io.err.trim().split("\n")).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
