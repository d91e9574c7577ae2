import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { startRegistry, type RegistryServer } from "../helpers/registry-server.js";
import { startDockerd, type EngineServer } from "../helpers/engines.js";
import { fixture } from "./fixtures.js";
import { leftoversImage } from "./slim-image.js";

const run = promisify(execFile);
// Lower case only: buildah names an image pulled from oci:PATH after the path.
const tmp = join(tmpdir(), `ballast-slim-real-${randomBytes(6).toString("hex")}`);
mkdirSync(tmp);
const store = [
  "--storage-driver",
  "overlay",
  "--root",
  join(tmp, "root"),
  "--runroot",
  join(tmp, "run"),
];
const buildah = async (...args: string[]) =>
  (await run("buildah", [...store, ...args], { maxBuffer: 64 << 20 })).stdout.trim();
const skopeo = async (...args: string[]) =>
  (await run("skopeo", args, { maxBuffer: 64 << 20 })).stdout;

/** Runs `ballast …` in-process; returns stdout, failing the test on a non-zero exit. */
async function ballast(...args: string[]): Promise<string> {
  const io = captureIO({ env: process.env });
  const code = await main([...args, "-q"], io);
  if (code !== 0) throw new Error(`ballast ${args.join(" ")} exited ${code}: ${io.err}`);
  return io.out;
}

interface Summary {
  before: { storedBytes: number; tarBytes: number };
  after: { storedBytes: number; tarBytes: number; layers: number };
  squash: { hiddenBytes: number };
  strip: { set: string; bytes: number }[];
}
const slimJson = async (...args: string[]) =>
  JSON.parse(await ballast("slim", ...args, "-f", "json")) as Summary;

/** The analyzer's waste attributed to the image's last layer (the one slim wrote). */
async function reclaimableInLastLayer(ref: string): Promise<number> {
  const report = JSON.parse(await ballast("analyze", ref, "-f", "json")) as {
    layers: unknown[];
    waste: { items: { layer: number; size: number }[] };
  };
  const last = report.layers.length - 1;
  return report.waste.items.filter((i) => i.layer === last).reduce((n, i) => n + i.size, 0);
}

/** The program's output in a buildah container of `ref` (chroot isolation, as the lab builds). */
async function runProgram(ref: string): Promise<string> {
  const image = await buildah("pull", "-q", ref);
  const ctr = await buildah("from", "--pull=never", image);
  try {
    return await buildah("run", "--isolation", "chroot", ctr, "--", "python3", "/app/app.py");
  } finally {
    await buildah("rm", ctr);
  }
}

const sizes: string[] = [];
afterAll(() => {
  console.log(`slim before/after (stored, uncompressed):\n${sizes.join("\n")}`);
  rmSync(tmp, { recursive: true, force: true });
});
const note = (name: string, s: Summary) =>
  sizes.push(
    `${name}: ${s.before.storedBytes} → ${s.after.storedBytes} stored, ${s.before.tarBytes} → ${s.after.tarBytes} uncompressed`,
  );

describe("slim on the lab's fixture images", () => {
  it.each(["bloated.docker.tar", "multistage.oci.tar", "slim.docker.tar", "scratch.oci.tar"])(
    "%s: skopeo reads the output and the new layer holds no reclaimable byte",
    async (file) => {
      const source = `${file.endsWith(".oci.tar") ? "oci-archive" : "docker-archive"}:${fixture(file)}`;
      const out = join(tmp, `${file}.slim.oci.tar`);
      const before = statSync(fixture(file)).mtimeMs;
      const s = await slimJson(source, "-o", `oci-archive:${out}:slim`, "--strip", "all");
      note(file, s);
      expect(statSync(fixture(file)).mtimeMs).toBe(before);
      const inspect = JSON.parse(await skopeo("inspect", `oci-archive:${out}:slim`)) as {
        Layers: string[];
      };
      expect(inspect.Layers).toHaveLength(s.after.layers);
      expect(await reclaimableInLastLayer(`oci-archive:${out}:slim`)).toBe(0);
      expect(s.after.storedBytes).toBeLessThanOrEqual(s.before.storedBytes);
    },
  );

  it("squashing deleted.oci.tar shrinks the pull by at least the 64 MiB file its upper layers delete", async () => {
    const out = join(tmp, "deleted.slim.tar");
    const s = await slimJson(
      `oci-archive:${fixture("deleted.oci.tar")}`,
      "-o",
      `docker-archive:${out}`,
    );
    note("deleted.oci.tar (squash only)", s);
    // /opt/big.bin is 64 MiB of random bytes (gzip cannot shrink it), stored twice (chmod).
    expect(s.before.storedBytes - s.after.storedBytes).toBeGreaterThanOrEqual(2 * (64 << 20));
    expect(s.squash.hiddenBytes).toBeGreaterThanOrEqual(2 * (64 << 20));
    expect(await reclaimableInLastLayer(`docker-archive:${out}`)).toBe(0);
  });
});

describe("slim on an image with every kind of leftover", () => {
  let source: string;
  let registry: RegistryServer;
  let dockerd: EngineServer;
  let expected: string;
  beforeAll(async () => {
    source = `oci-archive:${leftoversImage()}:leftovers`;
    [registry, dockerd] = await Promise.all([startRegistry(), startDockerd()]);
    expected = await runProgram(source);
  });
  afterAll(async () => {
    await Promise.all([registry?.stop(), dockerd?.stop()]);
  });

  it("every strip set saves bytes; the output loads in dockerd, buildah and skopeo and runs the same", async () => {
    expect(JSON.parse(expected)).toEqual({ value: 42, python: [3, 11], email: "email.parser" });
    const archive = join(tmp, "leftovers.docker.tar");
    const s = await slimJson(
      source,
      "-o",
      `docker-archive:${archive}:localhost/slim/leftovers:1`,
      "--strip",
      "all",
    );
    note("leftovers (--strip all)", s);
    for (const set of s.strip) expect(set.bytes, set.set).toBeGreaterThan(0);
    expect(s.squash.hiddenBytes).toBeGreaterThanOrEqual(20_000_000);

    await dockerd.cli(["load", "-q", "-i", archive]);
    const loaded = JSON.parse(
      await dockerd.cli(["image", "inspect", "localhost/slim/leftovers:1"]),
    ) as {
      RootFS: { Layers: string[] };
      Config: { Labels: Record<string, string> };
    }[];
    expect(loaded[0].RootFS.Layers).toHaveLength(2);
    expect(loaded[0].Config.Labels["org.opencontainers.image.title"]).toBe("slim-leftovers");

    expect(JSON.parse(await skopeo("inspect", `docker-archive:${archive}`)).Layers).toHaveLength(2);
    await skopeo("copy", "-q", `docker-archive:${archive}`, `oci:${join(tmp, "copied")}:x`);
    expect(await runProgram(`docker-archive:${archive}`)).toBe(expected);
    expect(await reclaimableInLastLayer(`docker-archive:${archive}`)).toBe(0);
  });

  it("oci-archive and oci: outputs (zstd too) run the same under buildah", async () => {
    const ociArchive = join(tmp, "leftovers.slim.oci.tar");
    await slimJson(source, "-o", `oci-archive:${ociArchive}:slim`, "--strip", "all");
    expect(await runProgram(`oci-archive:${ociArchive}:slim`)).toBe(expected);
    // zstd output needs Node's own encoder (22.15+); on an older Node the gzip layout stands in.
    const { canWriteZstd } = await import("../../src/slim/compress.js");
    const compress = canWriteZstd() ? "zstd" : "gzip";
    const layout = join(tmp, `leftovers-${compress}`);
    await slimJson(source, "-o", `oci:${layout}:slim`, "--compress", compress, "--squash", "all");
    expect(JSON.parse(await skopeo("inspect", `oci:${layout}:slim`)).Layers).toHaveLength(1);
    expect(await runProgram(`oci:${layout}:slim`)).toBe(expected);
  });

  it("pushes to the real Distribution registry, and the image pulls back and runs the same", async () => {
    const ref = `docker://${registry.host}/slim/leftovers:1`;
    const s = await slimJson(source, "-o", ref, "--strip", "all");
    note("leftovers pushed", s);
    const remote = JSON.parse(await skopeo("inspect", "--tls-verify=false", ref)) as {
      Layers: string[];
    };
    expect(remote.Layers).toHaveLength(2);
    expect(await reclaimableInLastLayer(ref)).toBe(0);
    const pulled = join(tmp, "pulled");
    await skopeo("copy", "-q", "--src-tls-verify=false", ref, `oci:${pulled}:back`);
    expect(await runProgram(`oci:${pulled}:back`)).toBe(expected);
  });
});
