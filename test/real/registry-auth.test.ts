import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeImage } from "../../src/analysis/analyze.js";
import type { OpenOptions } from "../../src/sources/options.js";
import { openImage } from "../../src/sources/index.js";
import { validateImage } from "../../src/sources/validate.js";
import { installCredentialHelper } from "../helpers/credential-helper.js";
import { skopeoCopy, startRegistry, type RegistryServer } from "../helpers/registry-server.js";
import { fixture } from "./fixtures.js";

const USERS = { alice: "wonderland-pw", reader: "r3ader-pw" };
let dir: string;
let bin: string;
let expected: unknown;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ballast-auth-"));
  const local = await openImage(`oci-archive:${fixture("scratch.oci.tar")}`);
  expected = strip(await analyzeImage(local));
  await local.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An environment with no auth files of the machine's own: HOME is empty unless a test fills it. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(dir, "home-"));
  return { HOME: home, PATH: `${bin}:${process.env.PATH}`, ...extra };
}
const strip = (r: Awaited<ReturnType<typeof analyzeImage>>) => ({
  ...r,
  image: { ...r.image, reference: "", transport: "", manifestDigest: "" },
});

async function analyze(ref: string, options: OpenOptions, workers?: boolean) {
  const image = await openImage(ref, { cacheDir: false, ...options });
  try {
    return strip(await analyzeImage(image, { workers }));
  } finally {
    await image.close();
  }
}

/** The error a promise rejects with (the test fails if it resolves). */
async function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => new Error("expected a failure"),
    (e: Error) => e,
  );
}

function dockerConfig(content: unknown): string {
  const d = mkdtempSync(join(dir, "docker-"));
  writeFileSync(join(d, "config.json"), JSON.stringify(content));
  return d;
}

describe("registry with htpasswd basic auth (real Distribution registry)", () => {
  let registry: RegistryServer;
  let ref: string;
  beforeAll(async () => {
    bin = installCredentialHelper(dir, {});
    registry = await startRegistry({ auth: "htpasswd", users: USERS });
    ref = `docker://${registry.host}/fixtures/scratch:oci`;
    await skopeoCopy(`oci-archive:${fixture("scratch.oci.tar")}`, ref, [
      "--dest-creds",
      `alice:${USERS.alice}`,
    ]);
  });
  afterAll(() => registry?.stop());

  it("reads the image with --creds, equal to its oci-archive", async () => {
    expect(await analyze(ref, { creds: `alice:${USERS.alice}`, env: env() })).toEqual(expected);
  });

  it("without credentials says so, listing where it looked", async () => {
    const e = env();
    await expect(analyze(ref, { env: e })).rejects.toThrow(
      `${registry.host}/fixtures/scratch requires authentication; no credentials (looked in ${e.HOME}/.config/containers/auth.json (absent); ${e.HOME}/.docker/config.json (absent)) (HTTP 401 UNAUTHORIZED)`,
    );
  });

  it("with a wrong password names the source but never the secret", async () => {
    const err = await failure(analyze(ref, { creds: "alice:not-the-password", env: env() }));
    expect(err.message).toBe(
      `${registry.host} rejected the credentials from the command line (--creds) for ${registry.host}/fixtures/scratch (HTTP 401 UNAUTHORIZED)`,
    );
    expect(err.message).not.toContain("not-the-password");
  });

  it("finds credentials in $DOCKER_CONFIG/config.json auths", async () => {
    const auth = Buffer.from(`reader:${USERS.reader}`).toString("base64");
    const d = dockerConfig({ auths: { [`http://${registry.host}`]: { auth } } });
    expect(await analyze(ref, { env: env({ DOCKER_CONFIG: d }) })).toEqual(expected);
  });

  it("finds credentials in --authfile (containers auth.json) scoped to the repository namespace", async () => {
    const auth = Buffer.from(`reader:${USERS.reader}`).toString("base64");
    const file = join(dir, "auth.json");
    writeFileSync(
      file,
      JSON.stringify({
        auths: {
          [`${registry.host}/fixtures`]: { auth },
          [registry.host]: { auth: "Ym9ndXM6eA==" },
        },
      }),
    );
    expect(await analyze(ref, { authfile: file, env: env() })).toEqual(expected);
  });

  it("runs a real docker-credential-test helper named in credHelpers", async () => {
    const helperDir = mkdtempSync(join(dir, "helper-"));
    const helperBin = installCredentialHelper(helperDir, {
      [registry.host]: { Username: "reader", Secret: USERS.reader },
    });
    const d = dockerConfig({ credHelpers: { [registry.host]: "test" } });
    const e = { ...env({ DOCKER_CONFIG: d }), PATH: `${helperBin}:${process.env.PATH}` };
    expect(await analyze(ref, { env: e })).toEqual(expected);
    expect(readFileSync(join(helperDir, "helper.log"), "utf8")).toBe(`${registry.host}\n`);
  });
});

describe("registry with token auth (real registry verifying the test's RS256 JWTs)", () => {
  let registry: RegistryServer;
  let ref: string;
  beforeAll(async () => {
    registry = await startRegistry({
      auth: "token",
      users: USERS,
      pullOnly: ["reader"],
      refreshTokens: { "rt-reader": "reader" },
    });
    ref = `docker://${registry.host}/fixtures/scratch:oci`;
    await skopeoCopy(`oci-archive:${fixture("scratch.oci.tar")}`, ref, [
      "--dest-creds",
      `alice:${USERS.alice}`,
    ]);
  });
  afterAll(() => registry?.stop());

  it("a pull-only user gets one token for the whole analysis (cached per scope)", async () => {
    const before = registry.tokens!.requests.length;
    expect(await analyze(ref, { creds: `reader:${USERS.reader}`, env: env() })).toEqual(expected);
    const asked = registry.tokens!.requests.slice(before);
    expect(asked).toEqual([
      { user: "reader", scope: ["repository:fixtures/scratch:pull"], grant: undefined },
    ]);
  });

  it("read by worker threads (fed from this thread): still one token", async () => {
    const before = registry.tokens!.requests.length;
    expect(await analyze(ref, { creds: `reader:${USERS.reader}`, env: env() }, true)).toEqual(
      expected,
    );
    expect(registry.tokens!.requests.slice(before)).toEqual([
      { user: "reader", scope: ["repository:fixtures/scratch:pull"], grant: undefined },
    ]);
  });

  it("anonymous access gets a token without rights, then a clear 401", async () => {
    await expect(analyze(ref, { env: env() })).rejects.toThrow(
      new RegExp(
        `^${registry.host}/fixtures/scratch requires authentication; no credentials \\(looked in .*\\(HTTP 401 UNAUTHORIZED\\)$`,
      ),
    );
  });

  it("a wrong password is refused by the token service, without echoing it", async () => {
    const err = await failure(analyze(ref, { creds: "reader:wrong-pw", env: env() }));
    expect(err.message).toBe(
      `the token service ${registry.tokens!.realm} refused the credentials from the command line (--creds) for repository:fixtures/scratch:pull (HTTP 401)`,
    );
  });

  it("an identity token from credsStore is exchanged with the refresh_token grant", async () => {
    const helperDir = mkdtempSync(join(dir, "helper-"));
    const helperBin = installCredentialHelper(helperDir, {
      [registry.host]: { Username: "<token>", Secret: "rt-reader" },
    });
    const d = dockerConfig({ credsStore: "test" });
    const before = registry.tokens!.requests.length;
    const e = { ...env({ DOCKER_CONFIG: d }), PATH: `${helperBin}:${process.env.PATH}` };
    expect(await analyze(ref, { env: e })).toEqual(expected);
    expect(registry.tokens!.requests.slice(before)).toEqual([
      { user: "reader", scope: ["repository:fixtures/scratch:pull"], grant: "refresh_token" },
    ]);
  });
});

describe("token expiry", () => {
  it("asks for a new token once the cached one expires", async () => {
    const registry = await startRegistry({ auth: "token", users: USERS, tokenSeconds: 2 });
    try {
      const ref = `docker://${registry.host}/fixtures/scratch:oci`;
      await skopeoCopy(`oci-archive:${fixture("scratch.oci.tar")}`, ref, [
        "--dest-creds",
        `alice:${USERS.alice}`,
      ]);
      const image = await openImage(ref, {
        cacheDir: false,
        creds: `alice:${USERS.alice}`,
        env: env(),
      });
      const before = registry.tokens!.requests.length;
      await validateImage(image);
      expect(registry.tokens!.requests.length).toBe(before);
      await new Promise((r) => setTimeout(r, 1500));
      await validateImage(image);
      expect(registry.tokens!.requests.length).toBe(before + 1);
      await image.close();
    } finally {
      await registry.stop();
    }
  });
});
