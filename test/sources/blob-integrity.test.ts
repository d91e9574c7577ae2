import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { entries, layerTar, writeOciLayout, type TestEntry } from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-integrity-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dir = () => join(tmp, `case${n++}`);
const layer = () => layerTar(entries({ "etc/": null, "etc/os-release": "ID=test\n" }));
const MB = 1 << 20;

/** The layout's one layer blob file (the biggest blob that is not JSON). */
function layerBlob(layout: string): string {
  const blobs = join(layout, "blobs/sha256");
  return readdirSync(blobs)
    .map((f) => join(blobs, f))
    .find((f) => readFileSync(f)[0] === 0x1f)!;
}

describe("every byte of a layer blob is hashed, whatever the decoder stops at", () => {
  it.each([false, true])(
    "1 MB of zeros appended after the gzip stream (workers: %s)",
    async (workers) => {
      const layout = writeOciLayout(dir(), [{ layers: [await layer()] }], "gzip");
      appendFileSync(layerBlob(layout), Buffer.alloc(MB));
      const analyze = async () => analyzeImage(await openImage(`oci:${layout}`), { workers });
      await expect(analyze()).rejects.toThrow(/blob sha256:\w+ is \d+ bytes, its descriptor says/);
    },
  );

  it.each([false, true])(
    "1 MB of zeros after the gzip stream, same size as declared, wrong digest (workers: %s)",
    async (workers) => {
      const tar = await layer();
      const { gzipSync } = await import("node:zlib");
      const blob = Buffer.concat([gzipSync(tar), Buffer.alloc(MB)]);
      const layout = writeOciLayout(dir(), [{ layers: [tar], blobs: [blob] }], "gzip");
      const file = layerBlob(layout);
      const data = readFileSync(file);
      data[data.length - 1] = 1; // the very last byte, long after the decoder stopped
      writeFileSync(file, data);
      await expect(analyzeImage(await openImage(`oci:${layout}`), { workers })).rejects.toThrow(
        /reading layer 0 .*does not match its digest/,
      );
    },
  );
});

/** The layout's manifest (the one index.json names) and its blobs, by hex digest. */
function layoutParts(layout: string) {
  const index = JSON.parse(readFileSync(join(layout, "index.json"), "utf8"));
  const blob = (digest: string) => readFileSync(join(layout, "blobs/sha256", digest.slice(7)));
  const manifest = JSON.parse(blob(index.manifests[0].digest).toString());
  return { index, manifest, blob };
}

/** The same image as oci-archive, docker-archive (Docker 25+ names) and skopeo dir:. */
async function otherForms(layout: string, at: string): Promise<Record<string, string>> {
  const { manifest, blob } = layoutParts(layout);
  const files: TestEntry[] = readdirSync(join(layout, "blobs/sha256")).map((hex) => ({
    name: `blobs/sha256/${hex}`,
    content: readFileSync(join(layout, "blobs/sha256", hex)),
  }));
  const ociArchive = join(at, "image.oci.tar");
  writeFileSync(
    ociArchive,
    await layerTar([
      ...files,
      { name: "index.json", content: readFileSync(join(layout, "index.json")) },
      { name: "oci-layout", content: readFileSync(join(layout, "oci-layout")) },
    ]),
  );
  const save = [
    {
      Config: `blobs/sha256/${manifest.config.digest.slice(7)}`,
      RepoTags: ["x:1"],
      Layers: manifest.layers.map((l: { digest: string }) => `blobs/sha256/${l.digest.slice(7)}`),
    },
  ];
  const dockerArchive = join(at, "image.docker.tar");
  writeFileSync(
    dockerArchive,
    await layerTar([...files, { name: "manifest.json", content: JSON.stringify(save) }]),
  );
  const dir = join(at, "dir");
  mkdirSync(dir);
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
  writeFileSync(join(dir, "version"), "Directory Transport Version: 1.1\n");
  for (const d of [manifest.config, ...manifest.layers])
    writeFileSync(join(dir, d.digest.slice(7)), blob(d.digest));
  return {
    "oci-archive": `oci-archive:${ociArchive}`,
    "docker-archive": `docker-archive:${dockerArchive}`,
    dir: `dir:${dir}`,
  };
}

describe("the same checks hold for oci-archive, docker-archive and dir:", () => {
  it.each(["oci-archive", "docker-archive", "dir"])(
    "%s: zeros after the gzip stream, last byte changed",
    async (form) => {
      const tar = await layer();
      const { gzipSync } = await import("node:zlib");
      const blob = Buffer.concat([gzipSync(tar), Buffer.alloc(MB)]);
      const at = dir();
      const layout = writeOciLayout(join(at, "layout"), [{ layers: [tar], blobs: [blob] }]);
      const file = layerBlob(layout);
      const data = readFileSync(file);
      data[data.length - 1] = 1;
      writeFileSync(file, data);
      const ref = (await otherForms(layout, at))[form];
      await expect(analyzeImage(await openImage(ref), { workers: false })).rejects.toThrow(
        /reading layer 0 .*does not match its digest/,
      );
      await expect(analyzeImage(await openImage(ref), { workers: true })).rejects.toThrow(
        /reading layer 0 .*does not match its digest/,
      );
    },
  );

  it("dir: a blob file longer than its descriptor says", async () => {
    const at = dir();
    const layout = writeOciLayout(join(at, "layout"), [{ layers: [await layer()] }]);
    const ref = (await otherForms(layout, at)).dir;
    const { manifest } = layoutParts(layout);
    appendFileSync(join(at, "dir", manifest.layers[0].digest.slice(7)), Buffer.alloc(MB));
    await expect(openImage(ref)).rejects.toThrow(/is \d+ bytes, its descriptor says/);
  });
});
