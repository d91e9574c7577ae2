import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { parsePlatform } from "../../src/sources/platform.js";
import { entries, layerTar, sha256, writeOciLayout } from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-select-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dir = () => join(tmp, `case${n++}`);
const layer = () => layerTar(entries({ "etc/": null, "etc/os-release": "ID=test\n" }));
const platform = parsePlatform;

/** Rewrites a layout's index.json (and the blobs it adds) through `edit`. */
function editLayout(layout: string, edit: (index: any, put: (v: unknown) => any) => unknown) {
  const put = (value: unknown) => {
    const data = Buffer.from(JSON.stringify(value));
    writeFileSync(join(layout, "blobs/sha256", sha256(data).slice(7)), data);
    return { digest: sha256(data), size: data.length };
  };
  const index = JSON.parse(readFileSync(join(layout, "index.json"), "utf8"));
  writeFileSync(join(layout, "index.json"), JSON.stringify(edit(index, put)));
}
const blobJson = (layout: string, digest: string) =>
  JSON.parse(readFileSync(join(layout, "blobs/sha256", digest.slice(7)), "utf8"));

describe("choosing the image", () => {
  it("oci:DIR:@N picks by position, and says how many there are", async () => {
    const layout = writeOciLayout(dir(), [
      { layers: [await layer()] },
      { layers: [await layer(), await layer()] },
    ]);
    expect((await openImage(`oci:${layout}:@1`)).layers).toHaveLength(2);
    await expect(openImage(`oci:${layout}:@2`)).rejects.toThrow(
      /no image @2 \(index.json lists 2\)/,
    );
  });

  it("an index whose only image has no platform is taken; --platform is checked on its config", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }], "gzip", true);
    editLayout(layout, (index, put) => {
      const nested = blobJson(layout, index.manifests[0].digest);
      delete nested.manifests[0].platform;
      index.manifests[0] = { ...index.manifests[0], ...put(nested) };
      return index;
    });
    expect((await openImage(`oci:${layout}`)).layers).toHaveLength(1);
    expect(
      (await openImage(`oci:${layout}`, { platform: platform("linux/amd64") })).layers,
    ).toHaveLength(1);
    await expect(openImage(`oci:${layout}`, { platform: platform("linux/arm64") })).rejects.toThrow(
      /the image is for linux\/amd64, not linux\/arm64 \(--platform\)/,
    );
  });

  it("--platform is checked against the config at the top level of index.json", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
    editLayout(layout, (index) => (delete index.manifests[0].platform, index));
    await expect(openImage(`oci:${layout}`, { platform: platform("linux/s390x") })).rejects.toThrow(
      /the image is for linux\/amd64, not linux\/s390x/,
    );
  });

  it("linux/arm64/v8 matches linux/arm64, both ways", async () => {
    const a = writeOciLayout(
      dir(),
      [{ layers: [await layer()], platform: { os: "linux", architecture: "arm64" } }],
      "gzip",
      true,
    );
    expect(
      (await openImage(`oci:${a}`, { platform: platform("linux/arm64/v8") })).layers,
    ).toHaveLength(1);
    const b = writeOciLayout(
      dir(),
      [
        {
          layers: [await layer()],
          platform: { os: "linux", architecture: "arm64", variant: "v8" },
        },
      ],
      "gzip",
      true,
    );
    expect(
      (await openImage(`oci:${b}`, { platform: platform("linux/arm64/v8") })).layers,
    ).toHaveLength(1);
    expect(
      (await openImage(`oci:${b}`, { platform: platform("linux/arm64") })).layers,
    ).toHaveLength(1);
  });
});

describe("what is not a container image is named", () => {
  it("an OCI artifact (artifactType)", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
    editLayout(layout, (index, put) => {
      const m = blobJson(layout, index.manifests[0].digest);
      m.artifactType = "application/vnd.example.sbom+json";
      index.manifests[0] = { ...index.manifests[0], ...put(m) };
      return index;
    });
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(
      /an OCI artifact of type application\/vnd.example.sbom\+json, not a container image/,
    );
  });

  it("a Helm chart (its config media type)", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
    editLayout(layout, (index, put) => {
      const m = blobJson(layout, index.manifests[0].digest);
      m.config.mediaType = "application/vnd.cncf.helm.config.v1+json";
      index.manifests[0] = { ...index.manifests[0], ...put(m) };
      return index;
    });
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(
      /vnd.cncf.helm.config.v1\+json \(a Helm chart\), not a container image/,
    );
  });

  it("a Docker schema 1 manifest", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
    editLayout(layout, (index, put) => {
      index.manifests[0] = {
        ...index.manifests[0],
        ...put({ schemaVersion: 1, name: "x", tag: "1", fsLayers: [], history: [] }),
      };
      return index;
    });
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(
      /Docker schema 1 manifest.*skopeo copy/,
    );
  });

  it("a foreign layer whose blob is not there", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
    editLayout(layout, (index, put) => {
      const m = blobJson(layout, index.manifests[0].digest);
      rmSync(join(layout, "blobs/sha256", m.layers[0].digest.slice(7)));
      m.layers[0].mediaType = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
      m.layers[0].urls = ["https://example.com/layer.tgz"];
      index.manifests[0] = { ...index.manifests[0], ...put(m) };
      return index;
    });
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(
      /layer 0 sha256:\w+ is a foreign layer whose blob is not in the image \(urls: https:\/\/example.com\/layer.tgz\)/,
    );
  });

  it("an empty-descriptor layer", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
    editLayout(layout, (index, put) => {
      const m = blobJson(layout, index.manifests[0].digest);
      m.layers[0] = { mediaType: "application/vnd.oci.empty.v1+json", ...put({}) };
      index.manifests[0] = { ...index.manifests[0], ...put(m) };
      return index;
    });
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(/layer 0 is an empty descriptor/);
  });

  it("an index that lists only attestations", async () => {
    const layout = writeOciLayout(
      dir(),
      [{ layers: [await layer()], platform: { os: "unknown", architecture: "unknown" } }],
      "gzip",
      true,
    );
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(/lists only attestations, no image/);
  });
});

describe("a bare path with a selector", () => {
  it("x.tar:@1 and layout:@0 / layout:TAG pick as with a transport", async () => {
    const { writeDockerArchive } = await import("../helpers/build-image.js");
    const path = await writeDockerArchive(join(tmp, "two.tar"), [
      { layers: [await layer()], tags: ["a:1"] },
      { layers: [await layer(), await layer()], tags: ["b:1"] },
    ]);
    expect((await openImage(`${path}:@1`)).layers).toHaveLength(2);
    expect((await openImage(`${path}:a:1`)).layers).toHaveLength(1);
    const layout = writeOciLayout(dir(), [
      { layers: [await layer()], tag: "one" },
      { layers: [await layer(), await layer()], tag: "two" },
    ]);
    expect((await openImage(`${layout}:two`)).layers).toHaveLength(2);
    expect((await openImage(`${layout}:@0`)).layers).toHaveLength(1);
  });
});
