import { describe, expect, it } from "vitest";
import privateKey from "../../src/analysis/findings/private-key-in-image.js";
import secretFile from "../../src/analysis/findings/secret-file-in-image.js";
import secretInConfig from "../../src/analysis/findings/secret-in-config.js";
import { secretVariable } from "../../src/analysis/findings/secrets.js";
import { detect, layer } from "./image.js";

const KEY =
  "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("private-key-in-image", () => {
  it("finds keys by content, including one a later layer deleted", () => {
    const found = detect(privateKey, {
      layers: [
        layer({
          "root/.ssh/id_ed25519": KEY,
          "etc/ssl/certs/ca.pem": CERT,
          "srv/tls.key": "-----BEGIN RSA PRIVATE KEY-----\nx\n",
        }),
        layer({ "root/.ssh/id_ed25519": { kind: "whiteout" } }),
      ],
      history: ["/bin/sh -c #(nop) COPY dir:x in /", "/bin/sh -c rm /root/.ssh/id_ed25519"],
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: "private-key-in-image",
      severity: "error",
      layer: 0,
      paths: ["/root/.ssh/id_ed25519", "/srv/tls.key"],
    });
    expect(found[0].message).toContain(
      "1 deleted by a later layer, yet still readable from this one",
    );
  });
  it("ignores certificates, key-named files without a key, and test-suite keys", () => {
    expect(
      detect(privateKey, {
        layers: [
          layer({
            "a/server.pem": CERT,
            "b/x.key": "not a key",
            "usr/lib/python3/dist-packages/urllib3/tests/server.key": KEY,
          }),
        ],
      }),
    ).toEqual([]);
  });
});

describe("secret-file-in-image", () => {
  it.each([
    ["app/.npmrc", "//registry.npmjs.org/:_authToken=abcd1234\n", "npm auth token"],
    ["root/.pypirc", "[pypi]\nusername = __token__\npassword = pypi-abc\n", "PyPI password"],
    ["app/.env", "DEBUG=1\nDB_PASSWORD=hunter2\n", "secret in .env (DB_PASSWORD)"],
    [
      "root/.aws/credentials",
      "[default]\naws_access_key_id = x\naws_secret_access_key = y\n",
      "AWS secret key",
    ],
    ["root/.docker/config.json", '{"auths":{"r.io":{"auth":"dXNlcjpwYXNz"}}}', "registry auth"],
    ["root/.git-credentials", "https://me:tok@github.com\n", "git credentials"],
    [
      "app/service-account.json",
      '{"type": "service_account", "private_key": "x"}',
      "GCP service-account key",
    ],
  ])("%s", (path, content, reason) => {
    const found = detect(secretFile, { layers: [layer({ [path]: content })] });
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(`/${path} (${reason})`);
  });
  it.each([
    ["app/.npmrc", "registry=https://registry.npmjs.org/\n"],
    ["app/.env.example", "DB_PASSWORD=changeme\n"],
    ["app/.env", "DB_PASSWORD=\nDB_PASSWORD_FILE=/run/secrets/db\n"],
    ["root/.docker/config.json", '{"credsStore":"desktop"}'],
  ])("ignores %s without a credential", (path, content) => {
    expect(detect(secretFile, { layers: [layer({ [path]: content })] })).toEqual([]);
  });
});

describe("secret-in-config", () => {
  it("names secret variables without printing their values", () => {
    const found = detect(secretInConfig, {
      layers: [[]],
      config: {
        Env: [
          "PATH=/usr/bin",
          "API_KEY=abc123def",
          "GH=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
          "PASSWORD_FILE=/run/secrets/pw",
          "TOKEN=",
        ],
      },
    });
    expect(found.map((f) => f.message.split(" ")[2])).toEqual(["API_KEY", "GH"]);
    expect(found.map((f) => f.message).join()).not.toMatch(/abc123def|ghp_/);
  });
  it("finds secret build args recorded in history and points at their layer", () => {
    const found = detect(secretInConfig, {
      layers: [[], []],
      history: [
        "debootstrap",
        { created_by: "|2 NPM_TOKEN=npm_s3cr3t VERSION=1 /bin/sh -c npm ci" },
      ],
      config: {},
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ layer: 1 });
    expect(found[0].message).toContain("NPM_TOKEN");
    expect(found[0].message).not.toContain("s3cr3t");
  });
  it.each([
    ["DB_PASSWORD", "s3cret", true],
    ["DB_PASSWORD", "", false],
    ["DB_PASSWORD", "${DB_PASSWORD}", false],
    ["PASSWORD_FILE", "x", false],
    ["DATABASE_URL", "postgres://u:p@db/x", true],
    ["DATABASE_URL", "postgres://db/x", false],
    ["HOME", "/root", false],
    ["ID", "AKIAABCDEFGHIJKLMNOP", true],
    ["AUTH_TYPE", "basic", false],
    ["GPG_KEY", "A035C8C19219BA821ECEA86B64E628F8D684696D", false],
    ["NODE_AUTH_TOKEN", "abc", true],
    ["TOKEN_URL", "https://auth.example.com/token", false],
    ["TOKEN_URL", "https://u:p4ss@auth.example.com/token", true],
    ["PASSWORD_MIN_LENGTH", "12", false],
  ])("secretVariable(%s=%s) → %s", (name, value, yes) => {
    expect(secretVariable(name, value) !== undefined).toBe(yes);
  });
});
