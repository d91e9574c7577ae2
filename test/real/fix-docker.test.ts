import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectBuilder } from "../../src/build/builder.js";
import { compareDockerfiles } from "../../src/build/compare.js";
import { startDockerd, type EngineServer } from "../helpers/engines.js";
import { BASE, RUN_LABEL, buildah, mb } from "./fix-helpers.js";

/** The `docker build` path of the builder, against a real dockerd 20.10 started for the test. */
describe("build-compare with docker build (real dockerd)", () => {
  let dockerd: EngineServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "ballast-fixdocker-"));
    dockerd = await startDockerd();
    const tar = path.join(dir, "base.tar");
    const push = await buildah("push", "--quiet", BASE, `docker-archive:${tar}:${BASE}`);
    expect(push.code, push.stderr).toBe(0);
    await dockerd.cli(["load", "-q", "-i", tar]);
    await rm(tar);
    // The 28.x client has no buildx here: the classic builder, and host networking (no bridge).
    env = {
      ...process.env,
      DOCKER_HOST: dockerd.host,
      DOCKER_BUILDKIT: "0",
      BALLAST_DOCKER_BUILD_ARGS: "--network host",
    };
    await writeFile(path.join(dir, "data.bin"), randomBytes(4 << 20));
    await writeFile(
      path.join(dir, "before.Dockerfile"),
      `FROM ${BASE}\n${RUN_LABEL}\nCOPY data.bin /data/\nRUN chown -R nobody:nogroup /data\n`,
    );
    await writeFile(
      path.join(dir, "after.Dockerfile"),
      `FROM ${BASE}\n${RUN_LABEL}\nCOPY --chown=nobody:nogroup data.bin /data/\n`,
    );
  }, 300_000);

  afterAll(async () => {
    await dockerd?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("builds, measures, runs and removes every image it made", async () => {
    const images = async () =>
      (await dockerd.cli(["images", "--all", "--quiet", "--no-trunc"]))
        .split("\n")
        .filter(Boolean)
        .sort();
    const before = await images();
    const builder = await detectBuilder("docker", { env });
    expect(builder.name).toBe("docker");
    const c = await compareDockerfiles(
      builder,
      { file: path.join(dir, "before.Dockerfile"), context: dir },
      { file: path.join(dir, "after.Dockerfile"), context: dir },
      {
        check: async (tag) => {
          const r = await builder.run(tag, ["stat", "-c", "%U", "/data/data.bin"]);
          expect(r.stdout, r.stderr).toBe("nobody\n");
        },
      },
    );
    expect(c.builder).toBe("docker");
    expect(c.before.uncompressed - c.after.uncompressed).toBeGreaterThanOrEqual(4 << 20);
    expect(c.before.layerCount - c.after.layerCount).toBe(1);
    expect(await images()).toEqual(before);
    console.log(
      `docker build-compare COPY+chown: uncompressed ${mb(c.before.uncompressed)} → ${mb(c.after.uncompressed)}, layers ${c.before.layerCount} → ${c.after.layerCount}`,
    );
  });
});
