import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { configFor, entries, layerTar, sha256, writeOciLayout } from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-hostile-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dir = () => join(tmp, `case${n++}`);
const layer = () => layerTar(entries({ "etc/": null, "etc/os-release": "ID=test\n" }));

/** An extracted `docker save` whose manifest.json names `config` and `layers` as given. */
async function saveDir(names: { config?: string; layers?: string[] } = {}): Promise<string> {
  const at = dir();
  mkdirSync(join(at, "l0"), { recursive: true });
  const tar = await layer();
  const config = configFor({ layers: [tar] });
  const configName = `${sha256(config).slice(7)}.json`;
  writeFileSync(join(at, configName), config);
  writeFileSync(join(at, "l0/layer.tar"), tar);
  const manifest = [
    {
      Config: names.config ?? configName,
      RepoTags: ["x:1"],
      Layers: names.layers ?? ["l0/layer.tar"],
    },
  ];
  writeFileSync(join(at, "manifest.json"), JSON.stringify(manifest));
  return at;
}

const analyze = async (ref: string) => analyzeImage(await openImage(ref), { workers: false });

describe("docker-archive:DIR: every manifest path stays inside and is a regular file", () => {
  it("a Config of ../../../../etc/passwd is refused without echoing its bytes", async () => {
    const at = await saveDir({ config: "../../../../../../../../etc/passwd" });
    const err = await analyze(`docker-archive:${at}`).catch((e: Error) => e);
    expect(String(err)).toMatch(/"\.\.\/.*etc\/passwd" points outside the directory/);
    expect(String(err)).not.toMatch(/root:/);
  });

  it("a Layers entry of ../x and an absolute one are refused", async () => {
    for (const bad of ["../outside.tar", "/etc/passwd"]) {
      const at = await saveDir({ layers: [bad] });
      await expect(analyze(`docker-archive:${at}`)).rejects.toThrow(/points outside the directory/);
    }
  });

  it("a symlink inside that leads outside is refused", async () => {
    const at = await saveDir();
    const outside = join(tmp, `outside${n}.tar`);
    writeFileSync(outside, await layer());
    rmSync(join(at, "l0/layer.tar"));
    symlinkSync(outside, join(at, "l0/layer.tar"));
    await expect(analyze(`docker-archive:${at}`)).rejects.toThrow(/leads outside the directory/);
  });

  it("a symlink inside that stays inside is followed (podman)", async () => {
    const at = await saveDir();
    execFileSync("mv", [join(at, "l0/layer.tar"), join(at, "blob.tar")]);
    symlinkSync("../blob.tar", join(at, "l0/layer.tar"));
    expect((await analyze(`docker-archive:${at}`)).size.files).toBe(1);
  });

  it("/dev/zero as a layer is refused at once, not read forever", async () => {
    const at = await saveDir();
    rmSync(join(at, "l0/layer.tar"));
    symlinkSync("/dev/zero", join(at, "l0/layer.tar"));
    await expect(analyze(`docker-archive:${at}`)).rejects.toThrow(
      /outside the directory|not a regular file/,
    );
  });

  it("a FIFO as a layer is refused at once, not waited on", async () => {
    const at = await saveDir();
    rmSync(join(at, "l0/layer.tar"));
    execFileSync("mkfifo", [join(at, "l0/layer.tar")]);
    await expect(analyze(`docker-archive:${at}`)).rejects.toThrow(
      /"l0\/layer.tar" is not a regular file/,
    );
  });
});

describe("OCI layouts: blob paths come from digests, and stay inside", () => {
  it("a digest with a path in it is refused", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
    const index = {
      schemaVersion: 2,
      manifests: [
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: "sha256:../../../../etc/passwd",
          size: 10,
        },
      ],
    };
    writeFileSync(join(layout, "index.json"), JSON.stringify(index));
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(
      /"manifests\[0\]\.digest" must be a digest|invalid digest/,
    );
  });

  it("a blob that is a symlink out of the layout is refused", async () => {
    const layout = writeOciLayout(dir(), [{ layers: [await layer()] }]);
    const blobs = join(layout, "blobs/sha256");
    const victim = readdirSync(blobs).find((f) => f.length === 64)!;
    const outside = join(tmp, `outside-blob${n}`);
    execFileSync("cp", [join(blobs, victim), outside]);
    rmSync(join(blobs, victim));
    symlinkSync(outside, join(blobs, victim));
    await expect(analyze(`oci:${layout}`)).rejects.toThrow(/leads outside the directory/);
  });

  it("a FIFO as a layer blob is refused at once", async () => {
    const tar = await layer();
    const layout = writeOciLayout(dir(), [{ layers: [tar] }], "none");
    const blob = join(layout, "blobs/sha256", sha256(tar).slice(7));
    rmSync(blob);
    execFileSync("mkfifo", [blob]);
    await expect(analyze(`oci:${layout}`)).rejects.toThrow(/is not a regular file/);
  });
});
