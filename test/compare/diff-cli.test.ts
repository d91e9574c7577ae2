import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { diveFixture } from "./dive-fixtures.js";

const DOCKER = diveFixture("test-docker-image.tar");
const KANIKO = diveFixture("test-kaniko-image.tar");
const GZIP = diveFixture("test-oci-gzip-image.tar");
const ZSTD = diveFixture("test-oci-zstd-image.tar");

describe("ballast diff", () => {
  it("the same file in gzip and zstd layers: one shared layer stored differently, nothing else changed", async () => {
    const io = captureIO();
    expect(await main(["diff", GZIP, ZSTD, "--format", "json"], io)).toBe(0);
    const d = JSON.parse(io.out);
    expect(d.layers.shared).toHaveLength(1);
    expect(d.layers.shared[0].sameBlob).toBe(false);
    expect(d.layers.sharedBase.layers).toBe(1);
    expect(d.paths.totals).toEqual({
      added: { count: 0, bytes: 0 },
      removed: { count: 0, bytes: 0 },
      changed: { count: 0, delta: 0 },
    });
    // The README is 11,189 bytes in both (dive fixtures README).
    expect(d.size.uncompressed).toEqual({ before: 11189, after: 11189, delta: 0 });
  });

  it("docker vs kaniko builds of dive's recipe: totals follow dive's asserted sizes", async () => {
    const io = captureIO();
    expect(await main(["diff", DOCKER, KANIKO, "--format", "json"], io)).toBe(0);
    const d = JSON.parse(io.out);
    // dive: sizeBytes 1220598 (docker) and 1326410 (kaniko); different base bytes, so no shared layer.
    expect(d.size.uncompressed).toEqual({ before: 1220598, after: 1326410, delta: 105812 });
    expect(d.layers.sharedBase.layers).toBe(0);
    const paths = [...d.paths.added, ...d.paths.removed, ...d.paths.changed];
    const delta = paths.reduce((s: number, p: { delta: number }) => s + p.delta, 0);
    // Every byte of difference in the final filesystem is accounted for by a listed path.
    expect(delta).toBe(d.size.visible.delta);
  });

  it("text output names the shared layers, sizes and cost; markdown folds the long lists", async () => {
    const text = captureIO();
    await main(["diff", GZIP, ZSTD], text);
    expect(text.out).toMatch(/^Before oci-archive:/);
    expect(text.out).toContain("Layers  1 shared, 0 removed, 0 added; shared base: 1 layer");
    expect(text.out).toMatch(/Cost {2}10 tags retained at \$0\.10\/GB-month/);
    const md = captureIO();
    await main(["diff", DOCKER, KANIKO, "--format", "markdown", "--top", "3"], md);
    expect(md.out).toMatch(
      /^### Image diff: `docker-archive:.*test-docker-image\.tar` → `docker-archive:.*test-kaniko-image\.tar`/,
    );
    expect(md.out).toContain("| compressed |");
    expect(md.out).toContain("<details><summary>Paths:");
  });

  it("cost flags change the estimate; a bad flag is a usage error (exit 2)", async () => {
    const io = captureIO();
    await main(
      [
        "diff",
        GZIP,
        ZSTD,
        "--format",
        "json",
        "--nodes",
        "3",
        "--deploys",
        "1",
        "--egress-price",
        "1",
        "--tags",
        "1",
        "--storage-price",
        "0",
      ],
      io,
    );
    const d = JSON.parse(io.out);
    // 3 nodes × 1 deploy × compressed bytes × 1 per GB.
    expect(d.cost.before.egress.monthly).toBeCloseTo((3 * d.size.compressed.before) / 1e9, 12);
    const bad = captureIO();
    expect(await main(["diff", GZIP, ZSTD, "--nodes", "-2"], bad)).toBe(2);
    expect(bad.err).toContain("--nodes -2: must be a non-negative number");
  });

  it("a missing image is an error with the path in the message", async () => {
    const io = captureIO();
    expect(await main(["diff", GZIP, "/nonexistent/image.tar"], io)).toBe(2);
    expect(io.err).toContain("/nonexistent/image.tar");
  });
});

describe("diff JSON schema", () => {
  it("schema/diff.schema.json describes the output, and rejects a broken one", async () => {
    const { readFileSync } = await import("node:fs");
    const { Ajv } = await import("ajv");
    const schema = JSON.parse(
      readFileSync(new URL("../../schema/diff.schema.json", import.meta.url), "utf8"),
    );
    const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
    for (const [a, b] of [
      [DOCKER, KANIKO],
      [GZIP, ZSTD],
    ]) {
      const io = captureIO();
      await main(["diff", a, b, "--format", "json", "--include", "/root/**"], io);
      const d = JSON.parse(io.out);
      expect(validate(d), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      delete d.size.compressed;
      expect(validate(d)).toBe(false);
    }
  });
});

describe("diff --include", () => {
  it("repeats, and may come before the image arguments", async () => {
    const io = captureIO();
    expect(
      await main(
        ["diff", "--include", "/root/**", "--include", "*.txt", DOCKER, KANIKO, "--format", "json"],
        io,
      ),
    ).toBe(0);
    const d = JSON.parse(io.out);
    expect(d.paths.include).toEqual(["/root/**", "*.txt"]);
    const paths = [...d.paths.added, ...d.paths.removed, ...d.paths.changed].map(
      (p: { path: string }) => p.path,
    );
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p.startsWith("/root/") || p.endsWith(".txt")).toBe(true);
  });
});

describe("diff and analyze --cost agree", () => {
  it("an image costs the same in both, its base layers counted as already on the nodes", async () => {
    const d = captureIO();
    await main(["diff", KANIKO, DOCKER, "--format", "json"], d);
    const a = captureIO();
    await main(["analyze", DOCKER, "--format", "json", "--cost"], a);
    const analyzed = JSON.parse(a.out);
    expect(JSON.parse(d.out).cost.after).toEqual(analyzed.cost);
    // busybox's layer is the base: stored once, not pulled on deploy.
    expect(analyzed.cost.sharedBytes).toBe(analyzed.layers[0].compressedSize);
  });
});
