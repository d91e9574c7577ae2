import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import {
  skopeoCopy,
  skopeoRawManifest,
  startRegistry,
  type RegistryServer,
} from "../helpers/registry-server.js";
import { fixture } from "./fixtures.js";

// `ballast analyze docker://…` end to end through the CLI, against real registries.
let open: RegistryServer;
let basic: RegistryServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ballast-cli-"));
  open = await startRegistry({ rootDir: fixture("registry-data"), readOnly: true });
  basic = await startRegistry({ auth: "htpasswd", users: { ci: "s3cr3t-Pa55" } });
  await skopeoCopy(
    `oci-archive:${fixture("scratch.oci.tar")}`,
    `docker://${basic.host}/fixtures/scratch:oci`,
    ["--dest-creds", "ci:s3cr3t-Pa55"],
  );
});
afterAll(async () => {
  await open?.stop();
  await basic?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const io = captureIO({ env: { HOME: dir, XDG_CACHE_HOME: join(dir, "cache"), ...env } });
  const code = await main(["analyze", ...args], io);
  return { code, out: io.out, err: io.err };
};

describe("ballast analyze docker://…", () => {
  it("prints JSON whose layers match the registry's manifest; --cache fills the default cache dir", async () => {
    const ref = `docker://${open.host}/fixtures/slim:v2s2`;
    const manifest = JSON.parse(skopeoRawManifest(ref)) as {
      layers: { digest: string; size: number }[];
    };
    const r = await run([ref, "--format", "json", "--cache"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      image: { transport: string; reference: string };
      layers: { digest: string; compressedSize: number }[];
    };
    expect(report.image).toMatchObject({
      transport: "docker",
      reference: `docker://${open.host}/fixtures/slim:v2s2`,
    });
    expect(report.layers.map((l) => [l.digest, l.compressedSize])).toEqual(
      manifest.layers.map((l) => [l.digest, l.size]),
    );
    expect(readdirSync(join(dir, "cache/ballast/blobs/sha256")).sort()).toEqual(
      manifest.layers.map((l) => l.digest.slice(7)).sort(),
    );
  });

  it("no cache by default or with --no-cache; --cache-dir chooses the place", async () => {
    const ref = `docker://${open.host}/fixtures/scratch:oci`;
    const env = { XDG_CACHE_HOME: join(dir, "nocache") };
    expect((await run([ref, "--quiet"], env)).code).toBe(0);
    expect((await run([ref, "--no-cache", "--quiet"], env)).code).toBe(0);
    expect(() => readdirSync(join(dir, "nocache"))).toThrow(/ENOENT/);
    expect((await run([ref, "--cache-dir", join(dir, "chosen")])).code).toBe(0);
    expect(readdirSync(join(dir, "chosen/blobs/sha256"))).toHaveLength(2);
  });

  it("--creds works, and a wrong password exits 2 with one line that never shows it", async () => {
    const ref = `docker://${basic.host}/fixtures/scratch:oci`;
    expect((await run([ref, "--creds", "ci:s3cr3t-Pa55", "--no-cache"])).code).toBe(0);
    const bad = await run([ref, "--creds", "ci:wrong-Pa55", "--no-cache"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      `ballast: ${basic.host} rejected the credentials from the command line (--creds) for ${basic.host}/fixtures/scratch (HTTP 401 UNAUTHORIZED)\n`,
    );
  });

  it("--tls-verify=true on a plain-HTTP registry fails instead of falling back to HTTP", async () => {
    const r = await run([
      `docker://${open.host}/fixtures/scratch:oci`,
      "--tls-verify=true",
      "--no-cache",
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^ballast: cannot reach registry ${open.host}: `));
    expect(
      (
        await run([
          `docker://${open.host}/fixtures/scratch:oci`,
          "--tls-verify=false",
          "--no-cache",
        ])
      ).code,
    ).toBe(0);
    expect(
      (await run([`docker://${open.host}/fixtures/scratch:oci`, "--tls-verify=maybe"])).err,
    ).toMatch(/--tls-verify takes true or false/);
  });

  it("a malformed reference is a usage error naming the problem", async () => {
    const r = await run([`docker://${open.host}/Fixtures/Slim:oci`]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/invalid image reference .*must be lowercase/);
  });
});
