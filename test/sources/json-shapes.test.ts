import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { InputError } from "../../src/model/errors.js";
import {
  configFor,
  entries,
  layerTar,
  sha256,
  writeDockerArchive,
  writeOciLayout,
} from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-shapes-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dir = () => join(tmp, `case${n++}`);
const layer = () => layerTar(entries({ "etc/": null, "etc/os-release": "ID=test\n" }));

/** An OCI layout whose config (or manifest) JSON is replaced through `edit`, digests kept right. */
async function layoutWith(edit: { config?: (c: any) => unknown; manifest?: (m: any) => unknown }) {
  const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
  const put = (data: Buffer) => {
    writeFileSync(join(layout, "blobs/sha256", sha256(data).slice(7)), data);
    return { digest: sha256(data), size: data.length };
  };
  const index = JSON.parse(readFileSync(join(layout, "index.json"), "utf8"));
  const read = (d: string) =>
    JSON.parse(readFileSync(join(layout, "blobs/sha256", d.slice(7)), "utf8"));
  const manifest = read(index.manifests[0].digest);
  if (edit.config) {
    const config = Buffer.from(JSON.stringify(edit.config(read(manifest.config.digest))));
    manifest.config = { ...manifest.config, ...put(config) };
  }
  const m = Buffer.from(JSON.stringify(edit.manifest ? edit.manifest(manifest) : manifest));
  index.manifests[0] = { ...index.manifests[0], ...put(m) };
  writeFileSync(join(layout, "index.json"), JSON.stringify(index));
  return layout;
}

const fails = async (ref: string) => {
  const err = await (async () => analyzeImage(await openImage(ref), { workers: false }))().catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return (err as Error).message;
};

describe("wrong JSON types name the field and the file", () => {
  it.each([
    [
      "history[0].created_by is a number",
      (c: any) => ((c.history[0].created_by = 7), c),
      /image config: "history\[0\]\.created_by" must be a string, not a number/,
    ],
    [
      "history is an object",
      (c: any) => ((c.history = {}), c),
      /"history" must be an array, not an object/,
    ],
    [
      "Env holds nested arrays",
      (c: any) => ((c.config.Env = [[[["x"]]]]), c),
      /"config\.Env\[0\]" must be a string, not an array/,
    ],
    [
      "Labels holds an object",
      (c: any) => ((c.config.Labels = { a: { b: 1 } }), c),
      /"config\.Labels\.a" must be a string/,
    ],
    ["rootfs is null", (c: any) => ((c.rootfs = null), c), /"rootfs" must be an object, not null/],
    ["the config is null", () => null, /image config: the document must be an object, not null/],
  ])("config: %s", async (_, edit, message) => {
    const layout = await layoutWith({ config: edit });
    expect(await fails(`oci:${layout}`)).toMatch(message);
  });

  it.each([
    [
      "layers is a string",
      (m: any) => ((m.layers = "x"), m),
      /manifest sha256:\w+: "layers" must be an array, not a string/,
    ],
    [
      "a layer's size is text",
      (m: any) => ((m.layers[0].size = "12"), m),
      /"layers\[0\]\.size" must be a byte count, not a string/,
    ],
    ["config is missing", (m: any) => (delete m.config, m), /"config" is missing/],
  ])("manifest: %s", async (_, edit, message) => {
    const layout = await layoutWith({ manifest: edit });
    expect(await fails(`oci:${layout}`)).toMatch(message);
  });

  it("index.json whose manifests is an object", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
    writeFileSync(join(layout, "index.json"), JSON.stringify({ schemaVersion: 2, manifests: {} }));
    expect(await fails(`oci:${layout}`)).toMatch(
      /index.json: "manifests" must be an array, not an object/,
    );
  });

  it.each([
    ["null", /manifest.json is null, not a list of images/],
    [
      '[{"Config": 5, "Layers": []}]',
      /manifest.json: "\[0\]\.Config" must be a string, not a number/,
    ],
    ['[{"Config": "c.json", "Layers": "l.tar"}]', /"\[0\]\.Layers" must be an array, not a string/],
  ])("docker save manifest.json %s", async (text, message) => {
    const at = dir();
    mkdirSync(at);
    writeFileSync(join(at, "manifest.json"), text);
    expect(await fails(`docker-archive:${at}`)).toMatch(message);
  });
});

describe("small documents are capped before they are read", () => {
  it("a manifest that declares a 10^12-byte config is refused without reading it", async () => {
    const layout = await layoutWith({ manifest: (m: any) => ((m.config.size = 1e12), m) });
    expect(await fails(`oci:${layout}`)).toMatch(
      /declares 1000000000000 bytes, over the \d+-byte limit/,
    );
  });

  it("an index.json over the limit", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
    writeFileSync(join(layout, "index.json"), Buffer.alloc(17 << 20, 32));
    expect(await fails(`oci:${layout}`)).toMatch(/"index.json" is too large/);
  });
});

describe("empty layer blobs", () => {
  it("a 0-byte layer blob in an OCI layout is an empty layer when its diff ID says so", async () => {
    const empty = Buffer.alloc(0);
    const layout = writeOciLayout(dir(), [{ layers: [empty], blobs: [empty] }], "none");
    for (const workers of [false, true]) {
      const r = await analyzeImage(await openImage(`oci:${layout}`), { workers });
      expect(r.size).toMatchObject({ files: 0, uncompressed: 0 });
    }
  });

  it("a 0-byte layer blob whose diff ID is another's: one clear error", async () => {
    const empty = Buffer.alloc(0);
    const layout = writeOciLayout(dir(), [{ layers: [await layer()], blobs: [empty] }], "none");
    expect(await fails(`oci:${layout}`)).toMatch(/reading layer 0 .*does not match its diff ID/);
  });

  it("a 0-byte layer.tar in a docker-archive", async () => {
    const path = await writeDockerArchive(join(tmp, "empty-layer.tar"), [
      { layers: [Buffer.alloc(0), await layer()] },
    ]);
    const r = await analyzeImage(await openImage(`docker-archive:${path}`), { workers: false });
    expect(r.size.files).toBe(1);
  });
});

describe("docker save archives ballast cannot or need not refuse", () => {
  it("a pre-1.10 save (repositories, no manifest.json) is named", async () => {
    const at = dir();
    mkdirSync(join(at, "abc"), { recursive: true });
    writeFileSync(join(at, "repositories"), JSON.stringify({ x: { "1": "abc" } }));
    writeFileSync(join(at, "abc/json"), "{}");
    writeFileSync(join(at, "abc/layer.tar"), await layer());
    expect(await fails(`docker-archive:${at}`)).toMatch(/a docker save from before Docker 1.10/);
  });

  it("a legacy config whose file name is not its hash: a warning, as docker load", async () => {
    const tar = await layer();
    const at = dir();
    mkdirSync(join(at, "l0"), { recursive: true });
    const wrong = `${"0".repeat(64)}.json`;
    writeFileSync(join(at, wrong), configFor({ layers: [tar] }));
    writeFileSync(join(at, "l0/layer.tar"), tar);
    writeFileSync(
      join(at, "manifest.json"),
      JSON.stringify([{ Config: wrong, Layers: ["l0/layer.tar"] }]),
    );
    const img = await openImage(`docker-archive:${at}`);
    expect(img.warnings).toEqual([
      expect.stringMatching(/config 0{64}\.json does not hash to its name/),
    ]);
    expect((await analyzeImage(img, { workers: false })).size.files).toBe(1);
  });
});
