import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCredentials, findKey } from "../../src/sources/registry/credentials.js";
import { installCredentialHelper } from "../helpers/credential-helper.js";

let dir: string;
let bin: string;
const b64 = (s: string) => Buffer.from(s).toString("base64");
const write = (path: string, value: unknown) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
  return path;
};

// A real credential helper on PATH (see the helper): it knows one server and Docker Hub.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ballast-creds-"));
  bin = installCredentialHelper(dir, {
    "helped.example.com": { Username: "helper-user", Secret: "helper-secret" },
    "https://index.docker.io/v1/": { Username: "<token>", Secret: "refresh-tok" },
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const envFor = (home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  HOME: home,
  PATH: `${bin}:/usr/bin:/bin`,
  ...extra,
});

describe("findCredentials", () => {
  it("takes --creds first and splits at the first colon only", async () => {
    const r = await findCredentials("r.io", "a", { creds: "u:p:with:colons", env: envFor(dir) });
    expect(r.credential).toEqual({ username: "u", password: "p:with:colons" });
    expect(r.source).toBe("the command line (--creds)");
  });

  it("rejects --creds without a colon without echoing the value", async () => {
    await expect(
      findCredentials("r.io", "a", { creds: "s3cret", env: envFor(dir) }),
    ).rejects.toThrow(/^--creds must be USERNAME:PASSWORD$/);
  });

  it("reads auths from ~/.docker/config.json, base64 auth and URL-style keys", async () => {
    const home = join(dir, "h1");
    write(join(home, ".docker/config.json"), {
      auths: { "https://r.io/v1/": { auth: b64("alice:pw") } },
    });
    const r = await findCredentials("r.io", "team/app", { env: envFor(home) });
    expect(r.credential).toEqual({ username: "alice", password: "pw" });
    expect(r.source).toContain(`${home}/.docker/config.json (auths "https://r.io/v1/")`);
  });

  it("honours $DOCKER_CONFIG over ~/.docker", async () => {
    const home = join(dir, "h2");
    write(join(home, ".docker/config.json"), { auths: { "r.io": { auth: b64("home:x") } } });
    const cfg = join(dir, "dc");
    write(join(cfg, "config.json"), { auths: { "r.io": { username: "env", password: "y" } } });
    const r = await findCredentials("r.io", "a", { env: envFor(home, { DOCKER_CONFIG: cfg }) });
    expect(r.credential?.username).toBe("env");
  });

  it("prefers $REGISTRY_AUTH_FILE, then $XDG_RUNTIME_DIR/containers/auth.json, over the Docker config", async () => {
    const home = join(dir, "h3");
    write(join(home, ".docker/config.json"), { auths: { "r.io": { auth: b64("docker:1") } } });
    const runtime = join(dir, "run3");
    write(join(runtime, "containers/auth.json"), { auths: { "r.io": { auth: b64("podman:2") } } });
    const regFile = write(join(dir, "reg3.json"), {
      auths: { "r.io": { auth: b64("regfile:3") } },
    });
    expect(
      (await findCredentials("r.io", "a", { env: envFor(home, { XDG_RUNTIME_DIR: runtime }) }))
        .credential?.username,
    ).toBe("podman");
    const both = envFor(home, { XDG_RUNTIME_DIR: runtime, REGISTRY_AUTH_FILE: regFile });
    expect((await findCredentials("r.io", "a", { env: both })).credential?.username).toBe(
      "regfile",
    );
  });

  it("uses --authfile alone, and fails clearly when it is missing or not JSON", async () => {
    const home = join(dir, "h4");
    write(join(home, ".docker/config.json"), { auths: { "r.io": { auth: b64("docker:1") } } });
    const file = write(join(dir, "a4.json"), { auths: { "other.io": { auth: b64("x:y") } } });
    const r = await findCredentials("r.io", "a", { authfile: file, env: envFor(home) });
    expect(r.credential).toBeUndefined();
    expect(r.tried).toEqual([`${file}: no entry for r.io`]);
    await expect(
      findCredentials("r.io", "a", { authfile: join(dir, "missing.json"), env: envFor(home) }),
    ).rejects.toThrow(/ENOENT/);
    writeFileSync(join(dir, "bad.json"), '{"auths": {"r.io": {"auth": "c2VjcmV0"');
    await expect(
      findCredentials("r.io", "a", { authfile: join(dir, "bad.json"), env: envFor(home) }),
    ).rejects.toThrow(/is not a JSON object$/);
  });

  it("matches the most specific namespace key of a containers auth.json", async () => {
    const file = write(join(dir, "a5.json"), {
      auths: {
        "quay.io": { auth: b64("all:1") },
        "quay.io/org": { auth: b64("org:2") },
        "quay.io/org/app": { auth: b64("app:3") },
      },
    });
    const user = async (repo: string) =>
      (await findCredentials("quay.io", repo, { authfile: file })).credential?.username;
    expect(await user("org/app")).toBe("app");
    expect(await user("org/other")).toBe("org");
    expect(await user("orgx/app")).toBe("all");
  });

  it("runs the credential helper named in credHelpers, passing the registry host on stdin", async () => {
    const home = join(dir, "h6");
    write(join(home, ".docker/config.json"), {
      credHelpers: { "helped.example.com": "test" },
      auths: { "helped.example.com": {} },
    });
    const r = await findCredentials("helped.example.com", "a", { env: envFor(home) });
    expect(r.credential).toEqual({ username: "helper-user", password: "helper-secret" });
    expect(r.source).toContain('credHelpers "helped.example.com": docker-credential-test');
    expect(readFileSync(join(dir, "helper.log"), "utf8")).toContain("helped.example.com\n");
  });

  it("asks credsStore for Docker Hub with the CLI's v1 URL and maps <token> to an identity token", async () => {
    const home = join(dir, "h7");
    write(join(home, ".docker/config.json"), { credsStore: "test" });
    const r = await findCredentials("docker.io", "library/alpine", { env: envFor(home) });
    expect(r.credential).toEqual({ identityToken: "refresh-tok" });
    expect(readFileSync(join(dir, "helper.log"), "utf8")).toContain(
      "https://index.docker.io/v1/\n",
    );
  });

  it("falls back to auths when the store has no entry, and records what it tried", async () => {
    const home = join(dir, "h8");
    write(join(home, ".docker/config.json"), {
      credsStore: "test",
      auths: { "r.io": { auth: b64("fallback:1") } },
    });
    const r = await findCredentials("r.io", "a", { env: envFor(home) });
    expect(r.credential?.username).toBe("fallback");
    expect(r.tried.at(-2)).toMatch(/credsStore: docker-credential-test\): no entry$/);
  });

  it("goes on (anonymous) when the helper is not installed, saying so", async () => {
    const home = join(dir, "h9");
    write(join(home, ".docker/config.json"), { credsStore: "desktop" });
    const r = await findCredentials("r.io", "a", { env: envFor(home) });
    expect(r.credential).toBeUndefined();
    expect(r.tried.join("\n")).toContain("docker-credential-desktop not found on PATH");
  });

  it("never puts secrets in source or tried", async () => {
    const home = join(dir, "h10");
    write(join(home, ".docker/config.json"), {
      auths: { "r.io": { auth: b64("bob:topsecret") } },
      credHelpers: { "helped.example.com": "test" },
    });
    for (const registry of ["r.io", "helped.example.com", "none.io"]) {
      const r = await findCredentials(registry, "a", { env: envFor(home) });
      const shown = `${r.source} ${r.tried.join(" ")}`;
      expect(shown).not.toMatch(/topsecret|helper-secret|Ym9iOnRvcHNlY3JldA/);
    }
  });
});

describe("findKey", () => {
  it.each([
    [["https://index.docker.io/v1/"], "docker.io", "library/alpine", "https://index.docker.io/v1/"],
    [["registry-1.docker.io"], "docker.io", "library/alpine", "registry-1.docker.io"],
    [["http://localhost:5000"], "localhost:5000", "x", "http://localhost:5000"],
    [["R.IO"], "r.io", "x", "R.IO"],
    [["r.io:5000"], "r.io", "x", undefined],
    [["r.io/a"], "r.io", "ab", undefined],
  ])("%j for %s/%s → %s", (keys, registry, repo, expected) => {
    expect(findKey(Object.fromEntries(keys.map((k) => [k, 1])), registry, repo)).toBe(expected);
  });
});
