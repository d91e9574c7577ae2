import { describe, expect, it } from "vitest";
import { parseWwwAuthenticate } from "../../src/sources/registry/www-authenticate.js";

describe("parseWwwAuthenticate", () => {
  it("reads Docker Hub's bearer challenge, keeping commas inside the quoted scope", () => {
    const h =
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull,push"';
    expect(parseWwwAuthenticate(h)).toEqual([
      {
        scheme: "bearer",
        params: {
          realm: "https://auth.docker.io/token",
          service: "registry.docker.io",
          scope: "repository:library/alpine:pull,push",
        },
      },
    ]);
  });

  it("reads an insufficient_scope error challenge and lower-cases scheme and names", () => {
    const h = 'BEARER Realm="https://ghcr.io/token", Service="ghcr.io", error="insufficient_scope"';
    expect(parseWwwAuthenticate(h)[0]).toEqual({
      scheme: "bearer",
      params: { realm: "https://ghcr.io/token", service: "ghcr.io", error: "insufficient_scope" },
    });
  });

  it("reads basic, and several challenges in one header", () => {
    expect(parseWwwAuthenticate('Basic realm="Registry Realm"')).toEqual([
      { scheme: "basic", params: { realm: "Registry Realm" } },
    ]);
    expect(
      parseWwwAuthenticate('Basic realm="a", Bearer realm="https://t/x",service=s').map(
        (c) => c.scheme,
      ),
    ).toEqual(["basic", "bearer"]);
    expect(
      parseWwwAuthenticate('Bearer realm="https://t/x",service=s').at(-1)!.params.service,
    ).toBe("s");
  });

  it("unescapes quoted pairs and tolerates spaces around =", () => {
    expect(parseWwwAuthenticate('Basic realm = "a \\"quoted\\" realm"')[0]!.params.realm).toBe(
      'a "quoted" realm',
    );
  });

  it("returns nothing for an empty or garbage header, without looping", () => {
    expect(parseWwwAuthenticate("")).toEqual([]);
    expect(parseWwwAuthenticate(' ,, "=')).toEqual([]);
    expect(parseWwwAuthenticate("Negotiate")).toEqual([{ scheme: "negotiate", params: {} }]);
  });
});
