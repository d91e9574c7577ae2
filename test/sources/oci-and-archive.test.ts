import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { parsePlatform } from "../../src/sources/platform.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { validateImage } from "../../src/sources/validate.js";
import {
  entries,
  layerTar,
  sha256,
  writeDockerArchive,
  writeOciLayout,
  type Compression,
} from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-src-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dir = () => join(tmp, `case${n++}`);

const base = () =>
  layerTar(entries({ "etc/": null, "etc/os-release": "ID=test\n", "bin/sh": "x".repeat(1000) }));
const app = () =>
  layerTar(
    entries({
      "app/": null,
      "app/main": "y".repeat(300),
      "app/copy": "x".repeat(1000),
      ".wh.bin": "",
    }),
  );

describe("OCI layouts built in memory", () => {
  it.each(["gzip", "zstd", "none"] as Compression[])(
    "reads %s layers, verifies them and analyzes the merge",
    async (how) => {
      const layout = writeOciLayout(dir(), [{ layers: [await base(), await app()] }], how);
      const img = await openImage(`oci:${layout}`);
      expect(img.layers.map((l) => l.mediaType)).toEqual(
        Array(2).fill(`application/vnd.oci.image.layer.v1.tar${how === "none" ? "" : `+${how}`}`),
      );
      const r = await analyzeImage(img);
      expect(r.size.uncompressed).toBe(8 + 1000 + 300 + 1000);
      expect(r.size.visible).toBe(8 + 300 + 1000);
      expect(r.waste).toMatchObject({ reclaimable: 1000, deleted: 1000, shadowed: 0 });
      expect(r.duplicates.bytes).toBe(0); // /bin/sh was deleted: its twin /app/copy is alone
      expect(r.layers.map((l) => l.compression)).toEqual([how, how]);
      expect(await validateImage(img)).toMatchObject({ layers: 2 });
    },
  );

  it("selects by tag, and lists the tags when none is given", async () => {
    const layout = writeOciLayout(dir(), [
      { layers: [await base()], tag: "one" },
      { layers: [await app()], tag: "two" },
    ]);
    expect((await openImage(`oci:${layout}:two`)).layers).toHaveLength(1);
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(/holds 2 images.*one, two/);
    await expect(openImage(`oci:${layout}:three`)).rejects.toThrow(
      /no image tagged "three".*one, two/,
    );
  });

  it("walks a nested index and picks the platform, listing the available ones when absent", async () => {
    const layout = writeOciLayout(
      dir(),
      [
        { layers: [await base()], platform: { os: "linux", architecture: "amd64" } },
        {
          layers: [await base(), await app()],
          platform: { os: "linux", architecture: "arm64", variant: "v8" },
        },
      ],
      "gzip",
      true,
    );
    expect(
      (await openImage(`oci:${layout}:multi`, { platform: parsePlatform("linux/arm64") })).layers,
    ).toHaveLength(2);
    expect(
      (await openImage(`oci:${layout}:multi`, { platform: parsePlatform("linux/amd64") })).layers,
    ).toHaveLength(1);
    await expect(
      openImage(`oci:${layout}:multi`, { platform: parsePlatform("linux/s390x") }),
    ).rejects.toThrow(
      /no image for platform linux\/s390x; available: linux\/amd64, linux\/arm64\/v8/,
    );
  });

  it("detects a bare layout directory", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await base()] }]);
    expect((await openImage(layout)).transport).toBe("oci");
  });
});

describe("docker save archives built in memory", () => {
  it("picks an image of a multi-image archive by tag or position", async () => {
    const path = await writeDockerArchive(join(tmp, "multi.tar"), [
      { layers: [await base()], tags: ["example.com/a:1"] },
      { layers: [await base(), await app()], tags: ["alpine:latest"] },
    ]);
    expect((await openImage(`docker-archive:${path}:alpine`)).layers).toHaveLength(2);
    expect(
      (await openImage(`docker-archive:${path}:docker.io/library/alpine:latest`)).layers,
    ).toHaveLength(2);
    expect((await openImage(`docker-archive:${path}:@0`)).layers).toHaveLength(1);
    await expect(openImage(path)).rejects.toThrow(
      /holds 2 images.*example.com\/a:1; alpine:latest/,
    );
  });
});

describe("bad input gets one clear error", () => {
  it("a blob whose bytes do not match its digest", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await base()] }], "none");
    const blobs = join(layout, "blobs/sha256");
    const layerFile = readdirSync(blobs)
      .map((f) => join(blobs, f))
      .find((f) => readFileSync(f).includes("ID=test"))!;
    const data = readFileSync(layerFile);
    data[data.indexOf("ID=test")] = 0x4a; // same length, one byte changed
    writeFileSync(layerFile, data);
    await expect(analyzeImage(await openImage(`oci:${layout}`))).rejects.toThrow(
      /reading layer 0 .*does not match its digest/,
    );
  });

  it("a layer whose uncompressed bytes do not match the config's diff ID", async () => {
    const layout = writeOciLayout(dir(), [
      { layers: [await base()], diffIds: [sha256("something else")] },
    ]);
    await expect(analyzeImage(await openImage(`oci:${layout}`))).rejects.toThrow(
      /does not match its diff ID/,
    );
  });

  it("a missing blob", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await base(), await app()] }]);
    const blobs = join(layout, "blobs/sha256");
    const big = readdirSync(blobs)
      .map((f) => join(blobs, f))
      .sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
    rmSync(big);
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(/missing blob sha256:/);
  });

  it("a corrupt gzip stream (digest right, content broken)", async () => {
    const tar = await base();
    const bad = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
      Buffer.from("definitely not deflate data"),
    ]);
    const layout = writeOciLayout(dir(), [{ layers: [tar], blobs: [bad] }]);
    await expect(analyzeImage(await openImage(`oci:${layout}`))).rejects.toThrow(
      /reading layer 0 \(sha256:[a-f0-9]{12}\): .*(invalid|incorrect|unexpected)/i,
    );
  });

  it("a truncated zstd stream", async () => {
    const { compress } = await import("../helpers/build-image.js");
    const tar = await base();
    const zst = compress(tar, "zstd");
    const layout = writeOciLayout(
      dir(),
      [{ layers: [tar], blobs: [zst.subarray(0, zst.length - 20)] }],
      "zstd",
    );
    await expect(analyzeImage(await openImage(`oci:${layout}`))).rejects.toThrow(/reading layer 0/);
  });

  it("an index.json that does not parse", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await base()] }]);
    writeFileSync(join(layout, "index.json"), "{ not json");
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(/index.json does not parse as JSON/);
  });

  it("a manifest.json that does not parse", async () => {
    const { layerTar: pack } = await import("../helpers/build-image.js");
    const path = join(tmp, "badmanifest.tar");
    writeFileSync(path, await pack([{ name: "manifest.json", content: "[{" }]));
    await expect(openImage(path)).rejects.toThrow(
      /manifest.json does not parse as JSON \(invalid at byte 2\)/,
    );
  });

  it("a truncated archive", async () => {
    const path = await writeDockerArchive(join(tmp, "whole.tar"), [
      { layers: [await base(), await app()] },
    ]);
    const cut = join(tmp, "cut.tar");
    writeFileSync(cut, readFileSync(path).subarray(0, 3000));
    await expect(openImage(cut)).rejects.toThrow(/truncated archive/);
  });

  it.each([
    ["../escape", /escapes the image root/],
    ["/etc/absolute", /escapes the image root/],
    ["a/../../b", /escapes the image root/],
  ])("a tar entry named %s", async (name, message) => {
    const evil = await layerTar([{ name, content: "x" }]);
    const layout = writeOciLayout(dir(), [{ layers: [evil] }]);
    await expect(analyzeImage(await openImage(`oci:${layout}`))).rejects.toThrow(message);
  });

  it("a plain root filesystem tar", async () => {
    const path = join(tmp, "rootfs.tar");
    writeFileSync(path, await base());
    await expect(openImage(path)).rejects.toThrow(/not an image/);
  });

  it("a file that is not a tar at all", async () => {
    const path = join(tmp, "notes.txt");
    writeFileSync(path, "hello ".repeat(200));
    await expect(openImage(path)).rejects.toThrow(/not a tar archive/);
  });

  it("an unknown transport", async () => {
    await expect(openImage("ftp://example.com/x")).rejects.toThrow(/unknown transport "ftp:"/);
  });
});

describe("compressed archives", () => {
  it.each(["gzip", "zstd"] as const)(
    "reads a %s-compressed docker save and removes its temporary copy on close",
    async (how) => {
      const { compress } = await import("../helpers/build-image.js");
      const { readdirSync: ls } = await import("node:fs");
      const plain = await writeDockerArchive(join(tmp, `plain-${how}.tar`), [
        { layers: [await base(), await app()] },
      ]);
      const packed = join(tmp, `packed.tar.${how === "gzip" ? "gz" : "zst"}`);
      writeFileSync(packed, compress(readFileSync(plain), how));
      const before = ls(tmpdir()).filter((f) => f.startsWith("ballast-archive-")).length;
      const img = await openImage(packed);
      expect((await analyzeImage(img)).waste.deleted).toBe(1000);
      await img.close();
      expect(ls(tmpdir()).filter((f) => f.startsWith("ballast-archive-")).length).toBe(before);
    },
  );

  // docker load takes xz and bzip2 archives too; compressed here by the xz and bzip2 tools.
  it.each([
    ["xz", ["xz", "-z", "-c"]],
    ["bzip2", ["bzip2", "-z", "-c"]],
  ] as const)(
    "reads an %s-compressed docker save, compressed by the real tool",
    async (how, cmd) => {
      const { execFileSync } = await import("node:child_process");
      const plain = await writeDockerArchive(join(tmp, `plain-${how}.tar`), [
        { layers: [await base(), await app()] },
      ]);
      const packed = join(tmp, `packed.tar.${how}`);
      writeFileSync(packed, execFileSync(cmd[0], [...cmd.slice(1), plain], { maxBuffer: 1 << 26 }));
      const img = await openImage(packed);
      expect((await analyzeImage(img)).waste.deleted).toBe(1000);
      await img.close();
    },
  );

  it("a corrupt xz archive is one error naming the compression", async () => {
    const path = join(tmp, "broken.tar.xz");
    writeFileSync(
      path,
      Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0]), Buffer.alloc(64, 7)]),
    );
    await expect(openImage(path)).rejects.toThrow(/broken.tar.xz: decompressing the xz archive/);
  });

  it("a plain tar whose first name starts like bzip2's magic stays a tar", async () => {
    const { sniffArchive } = await import("../../src/sources/archive-decoders.js");
    expect(sniffArchive(Buffer.from("BZh9manifest.json\0\0"))).toBe("none");
    expect(
      sniffArchive(Buffer.from([0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59])),
    ).toBe("bzip2");
  });

  it("a corrupt gzip archive: one error, no temporary files left", async () => {
    const path = join(tmp, "broken.tar.gz");
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
        Buffer.from("garbage garbage"),
      ]),
    );
    await expect(openImage(path)).rejects.toThrow(/broken.tar.gz: decompressing the gzip archive/);
  });
});

describe("a corrupt blob is reported by its digest, not by the parser it broke", () => {
  it.each([false, true])(
    "uncompressed layer with a broken tar header (workers: %s)",
    async (workers) => {
      const tar = await layerTar([
        { name: "a", content: "x".repeat(600) },
        { name: "b", content: "y".repeat(600) },
      ]);
      const layout = writeOciLayout(join(tmp, `hdr-${workers}`), [{ layers: [tar] }], "none");
      const blobs = join(layout, "blobs/sha256");
      const layerFile = readdirSync(blobs)
        .map((f) => join(blobs, f))
        .find((f) => readFileSync(f).length === tar.length)!;
      const data = readFileSync(layerFile);
      data.write("garbage!", 1536); // the second member's header: the parser fails first
      writeFileSync(layerFile, data);
      await expect(analyzeImage(await openImage(`oci:${layout}`), { workers })).rejects.toThrow(
        /reading layer 0 \(sha256:[a-f0-9]{12}\): .*does not match its digest/,
      );
    },
  );
});
