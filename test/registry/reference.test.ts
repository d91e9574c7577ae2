import { describe, expect, it } from "vitest";
import {
  formatReference,
  isLoopbackHost,
  parseReference,
} from "../../src/sources/registry/reference.js";

describe("parseReference", () => {
  it.each([
    ["alpine", "docker.io", "registry-1.docker.io", "library/alpine", "latest", undefined],
    [
      "docker://alpine:3.20",
      "docker.io",
      "registry-1.docker.io",
      "library/alpine",
      "3.20",
      undefined,
    ],
    ["bitnami/redis", "docker.io", "registry-1.docker.io", "bitnami/redis", "latest", undefined],
    [
      "index.docker.io/library/nginx:1",
      "docker.io",
      "registry-1.docker.io",
      "library/nginx",
      "1",
      undefined,
    ],
    ["docker.io/nginx", "docker.io", "registry-1.docker.io", "library/nginx", "latest", undefined],
    ["ghcr.io/org/app:1.4", "ghcr.io", "ghcr.io", "org/app", "1.4", undefined],
    ["localhost/app", "localhost", "localhost", "app", "latest", undefined],
    ["localhost:5000/a/b/c:t", "localhost:5000", "localhost:5000", "a/b/c", "t", undefined],
    [
      "127.0.0.1:5000/fixtures/slim:oci",
      "127.0.0.1:5000",
      "127.0.0.1:5000",
      "fixtures/slim",
      "oci",
      undefined,
    ],
    ["[::1]:5000/x", "[::1]:5000", "[::1]:5000", "x", "latest", undefined],
    ["Registry/x", "Registry", "Registry", "x", "latest", undefined],
    [
      "my_org/my-app__x.y",
      "docker.io",
      "registry-1.docker.io",
      "my_org/my-app__x.y",
      "latest",
      undefined,
    ],
  ])("%s", (input, registry, host, repository, tag, digest) => {
    expect(parseReference(input)).toEqual({ registry, host, repository, tag, digest });
  });

  it("keeps a digest, and the tag next to it, and does not invent a tag", () => {
    const d = `sha256:${"ab".repeat(32)}`;
    expect(parseReference(`quay.io/a/b@${d}`)).toEqual({
      registry: "quay.io",
      host: "quay.io",
      repository: "a/b",
      tag: undefined,
      digest: d,
    });
    expect(parseReference(`quay.io/a/b:v1@${d}`).tag).toBe("v1");
  });

  it.each([
    ["", "empty"],
    ["Alpine", "lowercase"],
    ["alpine:", "not a valid tag"],
    ["alpine:-x", "not a valid tag"],
    ["alpine@sha256:abc", "digest"],
    ["a//b", "lowercase"],
    ["host.io/a-/b", "lowercase"],
    ["x".repeat(300), "255"],
    [`a:${"t".repeat(129)}`, "not a valid tag"],
  ])("rejects %j with a message naming the problem", (input, fragment) => {
    expect(() => parseReference(input)).toThrow(fragment);
  });

  it("formats canonically", () => {
    expect(formatReference(parseReference("alpine"))).toBe("docker.io/library/alpine:latest");
    const d = `sha256:${"0".repeat(64)}`;
    expect(formatReference(parseReference(`h.io/a@${d}`))).toBe(`h.io/a@${d}`);
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["localhost:5000", true],
    ["127.0.0.1:5000", true],
    ["127.1.2.3", true],
    ["[::1]:5000", true],
    ["registry.local:5000", false],
    ["10.0.0.1:5000", false],
    ["localhost.example.com", false],
  ])("%s → %s", (host, expected) => expect(isLoopbackHost(host)).toBe(expected));
});
