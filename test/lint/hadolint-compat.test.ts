import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

// Issue 17: teams switch from hadolint with their .hadolint.yaml, pragmas, formats and flags.
let dir: string;
function write(rel: string, text: string): void {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
async function run(...argv: string[]) {
  const io = captureIO({ cwd: dir });
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}
const codes = (out: string) => (JSON.parse(out) as { code: string }[]).map((f) => f.code).sort();

// DL3040 (dnf), DL3036 (zypper), DL3059 is exempt (three commands), DL3007 (latest).
const DF =
  "FROM fedora:latest\nUSER app\nRUN dnf install -y x\nRUN zypper -n install y && a && b\n";

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ballast-hadolint-"));
  write("Dockerfile", DF);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("hadolint's config file", () => {
  it("reads .hadolint.yaml: ignored, override, failure-threshold; unknown codes give a notice", async () => {
    write(
      ".hadolint.yaml",
      "ignored: [DL3040, DL3003]\noverride:\n  error: [DL3036]\nfailure-threshold: error\n",
    );
    const r = await run("lint", "-f", "hadolint-json");
    expect(codes(r.out)).toEqual(["DL3007", "DL3036", "heavy-base-image"]);
    const levels = JSON.parse(r.out) as { code: string; level: string }[];
    expect(levels.find((f) => f.code === "DL3036")?.level).toBe("error");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^ballast: .*\.hadolint\.yaml: DL3003 is not implemented by ballast; nothing to ignore\n$/,
    );
  });

  it("`failure-threshold` above the findings exits 0; .ballast.yaml wins in the same directory", async () => {
    write("a/.hadolint.yml", "failure-threshold: error\n");
    write("a/Dockerfile", DF);
    expect((await run("lint", "a")).code).toBe(0);
    // lilconfig caches each directory's answer for the process, so the second case has its own.
    write("b/.hadolint.yml", "failure-threshold: error\n");
    write("b/.ballast.yaml", "lint:\n  failure-threshold: info\n");
    write("b/Dockerfile", DF);
    expect((await run("lint", "b")).code).toBe(1);
  });

  it("-c takes a hadolint file; trustedRegistries and label-schema are applied", async () => {
    write(
      "ci/hadolint.yaml",
      "trustedRegistries: registry.corp\nlabel-schema:\n  version: semver\n",
    );
    const r = await run("lint", "-c", "ci/hadolint.yaml", "-f", "hadolint-json");
    expect(codes(r.out)).toContain("DL3026");
    expect(codes(r.out)).toContain("DL3049");
  });

  it("a misspelt key is an error naming it", async () => {
    write(".hadolint.yaml", "ignore: [DL3040]\n");
    const r = await run("lint");
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/hadolint\.yaml:.*"ignore"/)]);
  });
});

describe("hadolint's flags and format names", () => {
  it("--ignore with an unimplemented code is accepted with a notice (was exit 2)", async () => {
    const r = await run("lint", "--ignore", "DL3003,SC2086", "-t", "none");
    expect(r.code).toBe(0);
    expect(r.err.trim().split("\n")).toHaveLength(2);
  });

  it("--no-fail exits 0 with findings; --trusted-registry, --require-label, --strict-labels", async () => {
    write("Dockerfile", "FROM fedora:40\nLABEL version=1.0 extra=x\nUSER app\n");
    const r = await run(
      "lint",
      "--no-fail",
      "--trusted-registry",
      "quay.io",
      "--require-label",
      "version:semver",
      "--strict-labels",
      "-f",
      "hadolint-json",
    );
    expect(r.code).toBe(0);
    expect(codes(r.out)).toEqual(["DL3026", "DL3050", "DL3056", "heavy-base-image"]);
  });

  it("gnu, tty, codeclimate and gitlab_codeclimate", async () => {
    const gnu = await run("lint", "-f", "gnu");
    expect(gnu.out).toMatch(/^Dockerfile:3:1: DL3040 warning: /m);
    const tty = await run("lint", "-f", "tty", "--no-color");
    expect(tty.out).toMatch(/rpm-cache-not-cleaned/);
    expect(tty.out).not.toMatch(/\u001b\[/);
    const cc = await run("lint", "-f", "codeclimate");
    const issues = cc.out
      .split("\0")
      .filter(Boolean)
      .map((s) => JSON.parse(s) as { check_name: string });
    expect(issues.map((i) => i.check_name)).toContain("DL3040");
    const gl = await run("lint", "-f", "gitlab_codeclimate");
    expect(Array.isArray(JSON.parse(gl.out))).toBe(true);
  });

  it("`# hadolint ignore=DL3036` silences the zypper finding only", async () => {
    write("Dockerfile", DF.replace("RUN zypper", "# hadolint ignore=DL3036\nRUN zypper"));
    const r = await run("lint", "-f", "hadolint-json");
    expect(codes(r.out)).toEqual(["DL3007", "DL3040", "heavy-base-image"]);
  });
});
