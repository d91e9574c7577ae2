import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { DETECTORS, captureFor, describeBase } from "../../src/analysis/findings/index.js";
import type { Finding } from "../../src/model/finding.js";
import type { ImageReport } from "../../src/model/report.js";
import { openImage } from "../../src/sources/index.js";
import { main } from "../../src/cli/main.js";
import { kitchenImage } from "./findings-images.js";
import { bytesUnder, layerFile, layerFiles } from "./findings-oracle.js";
import { fixture } from "./fixtures.js";

const reports = new Map<string, ImageReport>();
async function analyze(ref: string): Promise<ImageReport> {
  if (!reports.has(ref)) {
    const image = await openImage(ref);
    try {
      reports.set(
        ref,
        await analyzeImage(image, {
          detectors: DETECTORS,
          capture: captureFor(image.config),
          describeBase,
        }),
      );
    } finally {
      await image.close();
    }
  }
  return reports.get(ref)!;
}
const of = (r: ImageReport, rule: string): Finding[] => r.findings.filter((f) => f.rule === rule);

let kitchen: string;
beforeAll(() => {
  kitchen = kitchenImage();
});

describe("bloated: leftovers with exact bytes, cross-checked with tar -tvz of each layer", () => {
  const archive = fixture("bloated.oci.tar");
  it("apt lists in layer 1 (RUN apt-get update)", async () => {
    const r = await analyze(archive);
    const [lists] = of(r, "leftover-apt-lists");
    expect(of(r, "leftover-apt-lists")).toHaveLength(1);
    expect(lists).toMatchObject({
      layer: 1,
      origin: "user",
      createdBy: "/bin/sh -c apt-get update",
      paths: ["/var/lib/apt/lists"],
    });
    expect(lists.bytes).toBe(bytesUnder(layerFiles(archive, 1), /^var\/lib\/apt\/lists\//));
    expect(lists.bytes).toBeGreaterThan(30e6);
  });
  it("apt caches in layers 1 and 2, each counted from its own layer", async () => {
    const r = await analyze(archive);
    const caches = of(r, "leftover-apt-archives");
    expect(caches.map((f) => f.layer)).toEqual([1, 2]);
    for (const f of caches)
      expect(f.bytes).toBe(bytesUnder(layerFiles(archive, f.layer!), /^var\/cache\/apt\//));
    // pkgcache.bin written in layer 1 is rewritten by layer 2: the message says the old copy still ships.
    expect(caches[0].message).toMatch(/deleted or replaced by a later layer, yet still ships/);
  });
  it("the same bytes from the docker-archive form of the image", async () => {
    const oci = await analyze(archive);
    const docker = await analyze(fixture("bloated.docker.tar"));
    const pick = (r: ImageReport) =>
      r.findings
        .filter((f) => f.rule.startsWith("leftover-"))
        .map((f) => [f.rule, f.layer, f.bytes]);
    expect(pick(docker)).toEqual(pick(oci));
  });
  it("history lint names the layer that left the lists", async () => {
    const image = await openImage(archive);
    const { lintHistory } = await import("../../src/cli/history-lint.js");
    const found = await lintHistory(image.config, {});
    await image.close();
    expect(found.find((f) => f.rule === "apt-lists-not-removed")).toMatchObject({ layer: 1 });
  });
});

describe("multistage and slim: no apt leftovers", () => {
  it.each(["multistage.oci.tar", "slim.oci.tar"])("%s", async (name) => {
    const r = await analyze(fixture(name));
    expect(of(r, "leftover-apt-lists")).toEqual([]);
    expect(of(r, "leftover-apt-archives")).toEqual([]);
  });
  it("multistage runs as nobody: no root-user finding", async () => {
    expect(of(await analyze(fixture("multistage.oci.tar")), "root-user")).toEqual([]);
  });
});

describe("deleted: lists removed three layers later still count in layer 1", () => {
  it("reports them as shipped although deleted", async () => {
    const archive = fixture("deleted.oci.tar");
    const [lists] = of(await analyze(archive), "leftover-apt-lists");
    expect(lists.layer).toBe(1);
    expect(lists.bytes).toBe(bytesUnder(layerFiles(archive, 1), /^var\/lib\/apt\/lists\//));
    expect(lists.message).toMatch(
      /a later layer deletes or replaces them, yet they still ship in this layer/,
    );
  });
});

describe("scratch: no shell, no package manager, no base", () => {
  it("has no attack-surface tools and is identified as scratch", async () => {
    const r = await analyze(fixture("scratch.oci.tar"));
    expect(of(r, "shell-in-image")).toEqual([]);
    expect(of(r, "package-manager-in-image")).toEqual([]);
    expect(r.base).toMatchObject({
      kind: "scratch",
      baseLayers: 0,
      libc: "none",
      shell: false,
      packageManagers: [],
      runtimes: [],
    });
  });
});

describe("base identification on every Debian-based fixture", () => {
  it.each([
    ["bloated.oci.tar", "buildah"],
    ["slim.oci.tar", "buildah"],
    ["multistage.oci.tar", "buildah"],
    ["deleted.oci.tar", "buildah"],
    ["docker-save/bloated-dockerbuild.tar", "foreign-tool"],
    ["docker-save/multistage-buildkit.tar", "buildkit"],
  ])("%s is Debian 12 with a one-layer base (%s)", async (name, source) => {
    const r = await analyze(fixture(name));
    expect(r.base).toMatchObject({
      kind: "debian",
      family: "debian",
      distro: { id: "debian", versionId: "12" },
      baseLayers: 1,
      baseLayersSource: source,
      libc: "glibc",
    });
    // Findings in layer 0 are the base's, the rest are the user's.
    for (const f of r.findings.filter((x) => x.layer !== undefined))
      expect(f.origin).toBe(f.layer === 0 ? "base" : "user");
  });
  it.each(["bloated.oci.tar", "slim.oci.tar", "multistage.oci.tar", "deleted.oci.tar"])(
    "%s runs Python 3.11 and gets a recommendation",
    async (name) => {
      const r = await analyze(fixture(name));
      expect(r.base!.runtimes.find((x) => x.name === "python")?.version).toMatch(/^3\.11\.\d+$/);
      expect(r.base!.recommendation).toMatchObject({
        target: "python",
        images: [{ ref: "cgr.dev/chainguard/python" }, { ref: "python:3.11-slim" }],
      });
      expect(of(r, "base-image-alternative")).toHaveLength(1);
    },
  );
  it("the shell and apt of the base are marked as coming with the base", async () => {
    const r = await analyze(fixture("slim.oci.tar"));
    expect(of(r, "shell-in-image")).toMatchObject([{ layer: 0, origin: "base" }]);
    expect(of(r, "package-manager-in-image")).toMatchObject([{ layer: 0, origin: "base" }]);
  });
});

describe("kitchen: cases make-fixtures.sh does not cover (built here with buildah)", () => {
  it("gcc kept in the final image, bytes = tar listing ∩ dpkg's own .list files", async () => {
    const r = await analyze(kitchen);
    const gcc = of(r, "toolchain-in-image").find((f) =>
      f.message.startsWith("C/C++ compiler (gcc)"),
    )!;
    expect(gcc).toMatchObject({ layer: 1, origin: "user" });
    expect(gcc.message).toMatch(/packages cpp .*, cpp-12 .*, gcc .*, gcc-12 /);
    const files = layerFiles(kitchen, 1);
    const listed = new Set(
      ["cpp", "cpp-12", "gcc", "gcc-12"].flatMap((p) =>
        layerFile(kitchen, 1, `var/lib/dpkg/info/${p}.list`)
          .split("\n")
          .map((l) => l.replace(/^\//, "")),
      ),
    );
    expect(gcc.bytes).toBe(bytesUnder(files, { test: (p: string) => listed.has(p) } as RegExp));
    expect(of(r, "dev-packages-in-image")[0].message).toContain("libc6-dev");
  });
  it("pip cache and .git directory, bytes from the tar listing of their layers", async () => {
    const r = await analyze(kitchen);
    const [pip] = of(r, "leftover-pip-cache");
    expect(pip).toMatchObject({ layer: 3, paths: ["/root/.cache/pip"] });
    expect(pip.bytes).toBe(bytesUnder(layerFiles(kitchen, 3), /^root\/\.cache\/pip\//));
    const [git] = of(r, "leftover-git-dir");
    expect(git).toMatchObject({ layer: 4, paths: ["/app/.git"] });
    expect(git.bytes).toBe(bytesUnder(layerFiles(kitchen, 4), /^app\/\.git\//));
  });
  it("a private key deleted by a later layer is still reported in the layer that added it", async () => {
    const [key] = of(await analyze(kitchen), "private-key-in-image");
    expect(key).toMatchObject({ layer: 5, severity: "error", paths: ["/root/.ssh/id_rsa"] });
    expect(key.message).toContain("deleted by a later layer");
  });
  it("setuid added by the user, world-writable /data, secret ENV, port 80, root", async () => {
    const r = await analyze(kitchen);
    expect(of(r, "setuid-file").find((f) => f.origin === "user")).toMatchObject({
      layer: 7,
      paths: ["/usr/bin/find"],
    });
    expect(of(r, "setuid-file").find((f) => f.origin === "base")?.paths).toContain(
      "/usr/bin/passwd",
    );
    expect(of(r, "world-writable")).toMatchObject([{ layer: 7, paths: ["/data"] }]);
    const [secret] = of(r, "secret-in-config");
    expect(secret.message).toContain("API_TOKEN");
    expect(secret.message).not.toContain("ghp_");
    expect(of(r, "exposed-ports")[0].message).toContain("80/tcp is below 1024");
    expect(of(r, "root-user")).toHaveLength(1);
  });
});

describe("ballast analyze", () => {
  const run = async (...args: string[]) => {
    let out = "";
    const code = await main(args, {
      stdout: (s: string) => void (out += s),
      stderr: () => {},
      env: {},
      cwd: process.cwd(),
      stdoutIsTTY: false,
      stderrIsTTY: false,
    });
    return { code, out };
  };
  it("--dockerfile prints the reconstruction", async () => {
    const { code, out } = await run("analyze", "--dockerfile", fixture("bloated.oci.tar"));
    expect(code).toBe(0);
    expect(out).toContain(
      "FROM localhost/debian:bookworm-minbase\n# history 1, layer 1\nRUN apt-get update\n",
    );
  });
  it("JSON carries findings with bytes, layer and createdBy, report.base, and the history lint", async () => {
    const { code, out } = await run("analyze", "-q", "-f", "json", fixture("bloated.oci.tar"));
    expect(code).toBe(0);
    const r = JSON.parse(out) as ImageReport;
    expect(r.base?.distro?.versionId).toBe("12");
    expect(r.findings.find((f) => f.rule === "leftover-apt-lists")).toMatchObject({
      layer: 1,
      createdBy: "/bin/sh -c apt-get update",
    });
    expect(r.findings.find((f) => f.rule === "apt-lists-not-removed")).toMatchObject({ layer: 1 });
    const schema = JSON.parse(
      readFileSync(new URL("../../schema/analyze.schema.json", import.meta.url), "utf8"),
    );
    const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema);
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...r, base: { ...r.base, baseLayersSource: "guess" } })).toBe(false);
  });
  it("--base-layers moves the boundary", async () => {
    const { out } = await run(
      "analyze",
      "-q",
      "-f",
      "json",
      "--base-layers",
      "2",
      fixture("bloated.oci.tar"),
    );
    const r = JSON.parse(out) as ImageReport;
    expect(r.base).toMatchObject({ baseLayers: 2, baseLayersSource: "flag" });
    expect(r.findings.find((f) => f.rule === "leftover-apt-lists")?.origin).toBe("base");
  });
});
