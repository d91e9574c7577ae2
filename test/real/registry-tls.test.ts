import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRegistryImage } from "../../src/sources/registry/image.js";
import { validateImage } from "../../src/sources/validate.js";
import { skopeoCopy, startRegistry, type RegistryServer } from "../helpers/registry-server.js";
import { fixture } from "./fixtures.js";

describe("HTTPS registry with a self-signed certificate (real registry)", () => {
  let registry: RegistryServer;
  let ref: string;
  beforeAll(async () => {
    registry = await startRegistry({ tls: true });
    ref = `docker://${registry.host}/fixtures/scratch:oci`;
    await skopeoCopy(`oci-archive:${fixture("scratch.oci.tar")}`, ref);
  });
  afterAll(() => registry?.stop());

  const open = async (tlsVerify?: boolean) => {
    const image = await openRegistryImage(ref, { cacheDir: false, tlsVerify });
    try {
      return (await validateImage(image)).layers;
    } finally {
      await image.close();
    }
  };

  it("--tls-verify=true refuses the certificate and says how to skip the check", async () => {
    await expect(open(true)).rejects.toThrow(
      new RegExp(
        `^cannot reach registry ${registry.host}: .*certificate.* \\(use --tls-verify=false to skip certificate verification\\)$`,
      ),
    );
  });

  it("--tls-verify=false reads it over HTTPS", async () => {
    expect(await open(false)).toBe(2);
  });

  it("a loopback registry is insecure by default, as in Docker", async () => {
    expect(await open(undefined)).toBe(2);
  });
});
