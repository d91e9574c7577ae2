import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { engineEndpoint, saveName } from "../../src/sources/engine.js";

const dir = mkdtempSync(join(tmpdir(), "ballast-engine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("engineEndpoint", () => {
  it("Docker: DOCKER_HOST unix:// or tcp://, else /var/run/docker.sock", () => {
    expect(engineEndpoint("docker-daemon", {})).toMatchObject({
      socketPath: "/var/run/docker.sock",
      baseUrl: "http://localhost",
    });
    expect(engineEndpoint("docker-daemon", { DOCKER_HOST: "unix:///x/d.sock" })).toMatchObject({
      socketPath: "/x/d.sock",
    });
    const tcp = engineEndpoint("docker-daemon", { DOCKER_HOST: "tcp://10.0.0.5:2375" });
    expect([tcp.baseUrl, tcp.socketPath]).toEqual(["http://10.0.0.5:2375", undefined]);
  });

  it("Docker over TCP with DOCKER_TLS_VERIFY uses https and DOCKER_CERT_PATH's files", () => {
    const certs = join(dir, "certs");
    mkdirSync(certs);
    writeFileSync(join(certs, "ca.pem"), "CA");
    const e = engineEndpoint("docker-daemon", {
      DOCKER_HOST: "tcp://h:2376",
      DOCKER_TLS_VERIFY: "1",
      DOCKER_CERT_PATH: certs,
    });
    expect(e.baseUrl).toBe("https://h:2376");
    expect(e.tls?.ca?.toString()).toBe("CA");
    expect(e.tls?.cert).toBeUndefined();
  });

  it("Podman: CONTAINER_HOST, else the $XDG_RUNTIME_DIR socket if it exists, else /run/podman/podman.sock if it exists, else the $XDG_RUNTIME_DIR one (named in the error)", () => {
    expect(
      engineEndpoint("podman", { CONTAINER_HOST: "unix:///c.sock", XDG_RUNTIME_DIR: dir }),
    ).toMatchObject({ socketPath: "/c.sock" });
    const none = join(dir, "nothing-here");
    const fallback = existsSync("/run/podman/podman.sock")
      ? "/run/podman/podman.sock"
      : join(none, "podman/podman.sock");
    expect(engineEndpoint("podman", { XDG_RUNTIME_DIR: none }).socketPath).toBe(fallback);
    expect(engineEndpoint("podman", {}).socketPath).toBe("/run/podman/podman.sock");
    mkdirSync(join(dir, "podman"));
    writeFileSync(join(dir, "podman/podman.sock"), "");
    expect(engineEndpoint("podman", { XDG_RUNTIME_DIR: dir }).socketPath).toBe(
      join(dir, "podman/podman.sock"),
    );
  });

  it("rejects ssh:// and npipe:// hosts with a clear message", () => {
    expect(() => engineEndpoint("docker-daemon", { DOCKER_HOST: "ssh://me@box" })).toThrow(
      'DOCKER_HOST="ssh://me@box" is not supported (use unix:// or tcp://)',
    );
    expect(() => engineEndpoint("podman", { CONTAINER_HOST: "npipe:////./pipe/x" })).toThrow(
      /^CONTAINER_HOST=/,
    );
  });
});

describe("saveName", () => {
  it.each([
    ["alpine", "alpine:latest"],
    ["alpine:3.20", "alpine:3.20"],
    ["localhost:5000/app", "localhost:5000/app:latest"],
    ["localhost:5000/app:v1", "localhost:5000/app:v1"],
    [`app@sha256:${"a".repeat(64)}`, `app@sha256:${"a".repeat(64)}`],
    [`sha256:${"b".repeat(64)}`, `sha256:${"b".repeat(64)}`],
    ["0123456789ab", "0123456789ab"],
  ])("%s → %s (docker save NAME without a tag would export every tag)", (name, expected) => {
    expect(saveName(name)).toBe(expected);
  });
});
