import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeImage } from "../../src/analysis/analyze.js";
import type { ImageReport } from "../../src/model/report.js";
import { openImage } from "../../src/sources/index.js";
import { validateImage } from "../../src/sources/validate.js";
import { startDockerd, startPodmanService, type EngineServer } from "../helpers/engines.js";
import { fixture } from "./fixtures.js";

const analyze = async (ref: string, env: NodeJS.ProcessEnv = {}) => {
  const image = await openImage(ref, { env });
  try {
    await validateImage(image);
    return await analyzeImage(image);
  } finally {
    await image.close();
  }
};
/** Everything but where the image came from and how the archive labels its manifest. */
const content = (r: ImageReport) => ({
  ...r,
  image: { ...r.image, reference: "", transport: "", manifestMediaType: "", manifestDigest: "" },
  layers: r.layers.map((l) => ({ ...l, digest: "", mediaType: "", compressedSize: 0 })),
  size: { ...r.size, compressed: 0 },
});

let expected: ImageReport;
let expectedScratch: ImageReport;
beforeAll(async () => {
  expected = await analyze(`docker-archive:${fixture("slim.docker.tar")}`);
  expectedScratch = await analyze(`docker-archive:${fixture("scratch.docker.tar")}`);
});

describe("docker-daemon: against a real dockerd (vfs, own socket)", () => {
  let dockerd: EngineServer;
  beforeAll(async () => {
    dockerd = await startDockerd({ tcp: true });
    await dockerd.cli(["load", "-q", "-i", fixture("slim.docker.tar")]);
    await dockerd.cli(["load", "-q", "-i", fixture("scratch.docker.tar")]);
  });
  afterAll(() => dockerd?.stop());

  it("docker-daemon:NAME:TAG over DOCKER_HOST=unix:// analyses like the archive it was loaded from", async () => {
    const r = await analyze("docker-daemon:localhost/fixtures:slim", { DOCKER_HOST: dockerd.host });
    expect(r.image.transport).toBe("docker-daemon");
    expect(r.image.reference).toBe("docker-daemon:localhost/fixtures:slim");
    expect(content(r)).toEqual(content(expected));
    // The engine's own view of the image: same config digest (image ID) and layer count.
    const inspect = JSON.parse(
      await dockerd.cli(["image", "inspect", "localhost/fixtures:slim"]),
    ) as { Id: string; RootFS: { Layers: string[] } }[];
    expect(r.image.configDigest).toBe(inspect[0]!.Id);
    expect(r.layers.map((l) => l.diffId)).toEqual(inspect[0]!.RootFS.Layers);
  });

  it("works over DOCKER_HOST=tcp://, by image ID, and with the tag left out (:latest)", async () => {
    // The tiny image: dockerd's save on vfs is slow on a loaded 2-core machine.
    const id = (
      await dockerd.cli(["image", "inspect", "--format", "{{.Id}}", "localhost/fixtures:scratch"])
    ).trim();
    await dockerd.cli(["tag", "localhost/fixtures:scratch", "localhost/only-latest"]);
    await dockerd.cli(["tag", "localhost/fixtures:scratch", "localhost/only-latest:other"]);
    const tcp = { DOCKER_HOST: dockerd.tcpHost! };
    expect(content(await analyze(`docker-daemon:${id}`, tcp))).toEqual(content(expectedScratch));
    // Without :latest, `docker save` would export both tags; one image is analysed.
    expect(content(await analyze("docker-daemon:localhost/only-latest", tcp))).toEqual(
      content(expectedScratch),
    );
  });

  it("says which image is missing and where it looked", async () => {
    await expect(
      analyze("docker-daemon:localhost/nope:1", { DOCKER_HOST: dockerd.host }),
    ).rejects.toThrow(`image localhost/nope:1 not found in the Docker engine at ${dockerd.host}`);
  });

  it("says when no engine listens", async () => {
    await expect(
      analyze("docker-daemon:x", { DOCKER_HOST: "unix:///tmp/ballast-no-such.sock" }),
    ).rejects.toThrow(
      "cannot reach the Docker engine at unix:///tmp/ballast-no-such.sock: nothing listens there; is dockerd running? (or set DOCKER_HOST)",
    );
  });
});

describe("podman: against a real `podman system service` (vfs, own socket)", () => {
  let podman: EngineServer & { runtimeDir: string };
  beforeAll(async () => {
    podman = await startPodmanService();
    await podman.cli(["load", "-q", "-i", fixture("slim.docker.tar")]);
  });
  afterAll(() => podman?.stop());

  it("podman:NAME finds the socket under $XDG_RUNTIME_DIR and analyses like the archive (symlinked save layers)", async () => {
    const r = await analyze("podman:localhost/fixtures:slim", {
      XDG_RUNTIME_DIR: podman.runtimeDir,
    });
    expect(r.image.transport).toBe("podman");
    expect(content(r)).toEqual(content(expected));
    const inspect = JSON.parse(
      await podman.cli(["image", "inspect", "localhost/fixtures:slim"]),
    ) as { RootFS: { Layers: string[] } }[];
    expect(r.layers.map((l) => l.diffId)).toEqual(inspect[0]!.RootFS.Layers);
  });

  it("honours CONTAINER_HOST, and names a missing image", async () => {
    await expect(analyze("podman:localhost/nope", { CONTAINER_HOST: podman.host })).rejects.toThrow(
      `image localhost/nope:latest not found in the Podman service at ${podman.host}`,
    );
  });
});
