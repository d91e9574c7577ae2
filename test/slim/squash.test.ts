import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { entries, layerTar, writeOciLayout, type TestEntry } from "../helpers/build-image.js";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { listTar, readLayout } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-slim-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(tmp, `case${n++}`);

async function slim(layers: TestEntry[][], args: string[]) {
  const tars = await Promise.all(layers.map((l) => layerTar(l)));
  const src = writeOciLayout(fresh(), [{ layers: tars }]);
  const out = fresh();
  const io = captureIO();
  const code = await main(["slim", `oci:${src}`, "-o", `oci:${out}`, "-q", ...args], io);
  return { code, io, src, out, tars };
}

const names = async (tar: Buffer) => (await listTar(tar)).map((m) => m.name);

describe("squash", () => {
  it("keeps only whiteouts that hide something in a kept layer", async () => {
    const { code, io, out } = await slim(
      [
        entries({ "a/": null, "a/x": "base-x", "a/y": "base-y" }),
        entries({ "a/.wh.x": "", c: "temp" }),
        entries({ ".wh.c": "", d: "new" }),
      ],
      ["--base-layers", "1"],
    );
    expect(io.err).toBe("");
    expect(code).toBe(0);
    const { layers, config } = readLayout(out);
    expect(layers).toHaveLength(2);
    expect(await names(layers[1])).toEqual(["a/.wh.x", "d"]);
    expect(config.rootfs.diff_ids).toHaveLength(2);
  });

  it("writes an opaque marker only where the kept layer has content it hides", async () => {
    const { out } = await slim(
      [
        entries({ "d/": null, "d/1": "one", "d/2": "two" }),
        entries({
          "d/": null,
          "d/.wh..wh..opq": "",
          "d/3": "three",
          "e/": null,
          "e/.wh..wh..opq": "",
        }),
      ],
      ["--base-layers", "1"],
    );
    const members = await names(readLayout(out).layers[1]);
    expect(members).toEqual(["d/", "d/.wh..wh..opq", "d/3", "e/"]);
  });

  it("drops shadowed and deleted bytes, keeps the last content, lists entries sorted", async () => {
    const { out } = await slim(
      [
        entries({ "etc/": null, "etc/os-release": "ID=test\n" }),
        entries({ z: "1", "b/": null, "b/f": "old", big: "x".repeat(5000) }),
        entries({ "b/f": "new", ".wh.big": "", a: "2" }),
      ],
      ["--base-layers", "1"],
    );
    const members = await listTar(readLayout(out).layers[1]);
    expect(members.map((m) => m.name)).toEqual(["a", "b/", "b/f", "z"]);
    expect(members.find((m) => m.name === "b/f")!.content).toBe("new");
  });

  it("--squash all gives one layer holding the visible filesystem, no whiteouts", async () => {
    const { out } = await slim(
      [entries({ a: "1", b: "2" }), entries({ ".wh.a": "", c: "3" })],
      ["--squash", "all"],
    );
    const { layers, config } = readLayout(out);
    expect(layers).toHaveLength(1);
    expect(await names(layers[0])).toEqual(["b", "c"]);
    expect(config.history.filter((h: { empty_layer?: boolean }) => !h.empty_layer)).toHaveLength(1);
  });

  it("gives a hardlink's content to its first path when the target sorts after it", async () => {
    const { out } = await slim(
      [
        entries({ base: "b" }),
        [
          { name: "t", content: "shared" },
          { name: "a-link", type: "link", linkname: "t" },
        ],
      ],
      ["--base-layers", "1"],
    );
    const members = await listTar(readLayout(out).layers[1]);
    expect(members.map((m) => [m.name, m.type, m.linkname, m.content])).toEqual([
      ["a-link", "file", null, "shared"],
      ["t", "link", "a-link", ""],
    ]);
  });

  it("keeps a hardlink to a kept layer's file as a link, and replaces a file by a directory without a whiteout", async () => {
    const { out } = await slim(
      [
        entries({ t: "base", x: "file" }),
        [
          { name: "link", type: "link", linkname: "t" },
          { name: ".wh.x", content: "" },
          { name: "x/", type: "directory" },
          { name: "x/y", content: "y" },
        ],
      ],
      ["--base-layers", "1"],
    );
    const members = await listTar(readLayout(out).layers[1]);
    expect(members.map((m) => [m.name, m.type, m.linkname])).toEqual([
      ["link", "link", "t"],
      ["x/", "directory", null],
      ["x/y", "file", null],
    ]);
  });

  it("keeps mtimes, modes and long names; history and labels stay consistent", async () => {
    const long = `${"deep/".repeat(30)}file`;
    const { out, tars } = await slim(
      [entries({ base: "b" }), [{ name: long, content: "x", mode: 0o750 }]],
      ["--base-layers", "1", "--created", "2020-01-02T03:04:05Z"],
    );
    const { layers, config } = readLayout(out);
    const [m] = (await listTar(layers[1])).filter((e) => e.type === "file");
    expect(m.name).toBe(long);
    expect(m.mode).toBe(0o750);
    expect(m.mtime).toBe((await listTar(tars[1]))[0].mtime);
    expect(m.mtime).toBeGreaterThan(0);
    expect(config.created).toBe("2020-01-02T03:04:05Z");
    const last = config.history.at(-1);
    expect(last.created_by).toMatch(/^ballast slim --squash upper/);
    expect(last.comment).toMatch(/squashed layer 2/);
    expect(config.history[0].created_by).toBe("/bin/sh -c step 0");
  });

  it("is reproducible: the same input and options give byte-identical layouts", async () => {
    const tars = await Promise.all([
      layerTar(entries({ a: "1" })),
      layerTar(entries({ "b/": null, "b/c": "2".repeat(3000), ".wh.a": "" })),
    ]);
    const src = writeOciLayout(fresh(), [{ layers: tars }]);
    const hashes: string[] = [];
    const { canWriteZstd } = await import("../../src/slim/compress.js");
    if (!canWriteZstd()) {
      // Node without a zstd encoder: one clear line, exit 2, before anything is read.
      const io = captureIO();
      const code = await main(
        ["slim", `oci:${src}`, "-o", `oci:${fresh()}`, "-q", "--compress", "zstd"],
        io,
      );
      expect(code).toBe(2);
      expect(io.err).toMatch(
        /^ballast: --compress zstd needs Node\.js 22\.15 or later .*use --compress gzip\n$/,
      );
    }
    for (const compress of canWriteZstd() ? ["gzip", "gzip", "zstd", "zstd"] : ["gzip", "gzip"]) {
      const out = fresh();
      expect(
        await main(
          [
            "slim",
            `oci:${src}`,
            "-o",
            `oci:${out}`,
            "-q",
            "--base-layers",
            "1",
            "--compress",
            compress,
          ],
          captureIO(),
        ),
      ).toBe(0);
      hashes.push(
        createHash("sha256")
          .update(readFileSync(join(out, "index.json")))
          .digest("hex"),
      );
    }
    expect(hashes[0]).toBe(hashes[1]);
    if (hashes.length === 4) {
      expect(hashes[2]).toBe(hashes[3]);
      expect(hashes[0]).not.toBe(hashes[2]);
    }
  });
  it("writes gzip as several members that gzip(1) decodes to the diff ID", async () => {
    const big = Buffer.alloc(9 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 27;
    const { out } = await slim(
      [entries({ a: "1" }), [{ name: "big", content: big }]],
      ["--base-layers", "1"],
    );
    const { manifest, config } = readLayout(out);
    const blob = join(out, "blobs/sha256", manifest.layers[1].digest.slice(7));
    const tar = execFileSync("gzip", ["-dc", blob], { maxBuffer: 64 << 20 });
    expect(`sha256:${createHash("sha256").update(tar).digest("hex")}`).toBe(
      config.rootfs.diff_ids[1],
    );
    // Each member starts with the gzip magic and zlib's fixed header (deflate, no flags, mtime 0).
    const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
    let members = 0;
    const data = readFileSync(blob);
    for (let i = data.indexOf(header); i !== -1; i = data.indexOf(header, i + 1)) members++;
    expect(members).toBeGreaterThanOrEqual(3);
  });
});

describe("destinations and errors", () => {
  it("refuses to write over its source, and a missing or unknown destination", async () => {
    const src = writeOciLayout(fresh(), [{ layers: [await layerTar(entries({ a: "1" }))] }]);
    const before = readdirSync(join(src, "blobs/sha256")).sort();
    for (const [args, message] of [
      [["-o", `oci:${src}`], /that is the source/],
      [["-o", "docker://"], /expected docker-archive:PATH|registry destination/],
      [["-o", "tar:/x"], /expected docker-archive:PATH/],
      [[], /needs -o DEST/],
      [["-o", `oci:${fresh()}`, "--strip", "nope"], /unknown strip set "nope"/],
    ] as const) {
      const io = captureIO();
      expect(await main(["slim", `oci:${src}`, "-q", "--squash", "all", ...args], io)).toBe(2);
      expect(io.err).toMatch(message);
      expect(io.err.split("\n").filter(Boolean)).toHaveLength(1);
    }
    expect(readdirSync(join(src, "blobs/sha256")).sort()).toEqual(before);
    const io = captureIO();
    const same = ["docker://127.0.0.1:9/app:1", "-o", "docker://127.0.0.1:9/app:1"];
    expect(await main(["slim", ...same, "-q"], io)).toBe(2);
    expect(io.err).toMatch(/that is the source's tag/);
  });

  it("a dry run writes nothing and reports JSON", async () => {
    const src = writeOciLayout(fresh(), [
      {
        layers: [
          await layerTar(entries({ a: "1" })),
          await layerTar(entries({ "var/lib/apt/lists/x_Packages": "p".repeat(100) })),
        ],
      },
    ]);
    const out = fresh();
    const io = captureIO();
    expect(
      await main(
        [
          "slim",
          `oci:${src}`,
          "-o",
          `oci:${out}`,
          "-q",
          "--base-layers",
          "1",
          "--strip",
          "apt-lists",
          "--dry-run",
          "-f",
          "json",
        ],
        io,
      ),
    ).toBe(0);
    expect(existsSync(out)).toBe(false);
    const summary = JSON.parse(io.out);
    expect(summary.dryRun).toBe(true);
    expect(summary.strip[0]).toMatchObject({
      set: "apt-lists",
      bytes: 100,
      files: 1,
      byLayer: [{ layer: 2, bytes: 100, files: 1 }],
    });
  });

  it("writes docker-archive and oci-archive files atomically (no temporary left)", async () => {
    const src = writeOciLayout(fresh(), [
      { layers: [await layerTar(entries({ a: "1" })), await layerTar(entries({ b: "2" }))] },
    ]);
    const dir = fresh();
    (await import("node:fs")).mkdirSync(dir);
    for (const t of ["docker-archive", "oci-archive"]) {
      const io = captureIO();
      expect(
        await main(
          [
            "slim",
            `oci:${src}`,
            "-o",
            `${t}:${join(dir, `${t}.tar`)}:app:1`,
            "-q",
            "--base-layers",
            "1",
          ],
          io,
        ),
      ).toBe(0);
    }
    expect(readdirSync(dir).sort()).toEqual(["docker-archive.tar", "oci-archive.tar"]);
    const docker = await listTar(readFileSync(join(dir, "docker-archive.tar")));
    const manifest = JSON.parse(docker.find((m) => m.name === "manifest.json")!.content);
    expect(manifest[0].RepoTags).toEqual(["app:1"]);
    expect(manifest[0].Layers).toHaveLength(2);
  });
});

describe("reports and layouts", () => {
  it("escapes control characters of image paths in the text report", async () => {
    const src = writeOciLayout(fresh(), [
      {
        layers: [
          await layerTar(entries({ a: "1" })),
          await layerTar(entries({ "root/.cache/pip/\u001b[31mred": "cache" })),
        ],
      },
    ]);
    const io = captureIO();
    expect(
      await main(
        [
          "slim",
          `oci:${src}`,
          "--dry-run",
          "-q",
          "--base-layers",
          "1",
          "--strip",
          "package-caches",
        ],
        io,
      ),
    ).toBe(0);
    expect(io.out).toContain("/root/.cache/pip/\\x1b[31mred");
    expect(io.out).not.toContain("\u001b");
  });

  it("adds to an existing OCI layout, moving the tag, and says so when nothing is above the base", async () => {
    const one = await layerTar(entries({ a: "1" }));
    const src = writeOciLayout(fresh(), [{ layers: [one, await layerTar(entries({ b: "2" }))] }]);
    const out = writeOciLayout(fresh(), [{ layers: [one], tag: "old" }]);
    expect(
      await main(
        ["slim", `oci:${src}`, "-o", `oci:${out}:new`, "-q", "--base-layers", "1"],
        captureIO(),
      ),
    ).toBe(0);
    const tags = readLayout(out).index.manifests.map(
      (m: { annotations?: Record<string, string> }) =>
        m.annotations?.["org.opencontainers.image.ref.name"],
    );
    expect(tags).toEqual(["old", "new"]);
    const io = captureIO();
    expect(
      await main(["slim", `oci:${src}`, "-o", `oci:${fresh()}`, "-q", "--base-layers", "2"], io),
    ).toBe(2);
    expect(io.err).toMatch(/nothing to squash: all 2 layers belong to the base image/);
  });
});
