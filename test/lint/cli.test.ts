import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

let dir: string;
function write(rel: string, text: string): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
async function run(...argv: string[]) {
  const io = captureIO({ cwd: dir });
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

const CLEAN = "FROM debian:bookworm-slim\nUSER app\n";
const APT =
  "FROM debian:bookworm-slim\nUSER app\nRUN apt-get install -y --no-install-recommends curl\nRUN echo done\n";

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ballast-lint-"));
});

describe("ballast lint", () => {
  it("exits 0 on a clean Dockerfile, with a summary", async () => {
    write("Dockerfile", CLEAN);
    const r = await run("lint", "Dockerfile");
    expect([r.code, r.out, r.err]).toEqual([0, "no problems in 1 file\n", ""]);
  });

  it("exits 1 at the default threshold (info) and 0 when the threshold is above the findings", async () => {
    write("Dockerfile", APT);
    expect((await run("lint", "Dockerfile")).code).toBe(1);
    expect((await run("lint", "Dockerfile", "--failure-threshold", "warning")).code).toBe(0);
    expect((await run("lint", "Dockerfile", "-t", "none", "-f", "json")).code).toBe(0);
  });

  it("searches directories for Dockerfile, *.Dockerfile, Dockerfile.* and Containerfile", async () => {
    for (const name of [
      "Dockerfile",
      "api.Dockerfile",
      "Dockerfile.dev",
      "sub/Containerfile",
      "Dockerfile.dockerignore",
      "notes.txt",
      "node_modules/x/Dockerfile",
    ]) {
      write(name, CLEAN);
    }
    const r = await run("lint", ".", "-f", "junit");
    const suites = [...r.out.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(suites).toEqual(["Dockerfile", "Dockerfile.dev", "api.Dockerfile", "sub/Containerfile"]);
  });

  it("reports the 1-based first line of each instruction in JSON", async () => {
    write(
      "Dockerfile",
      "FROM debian:bookworm-slim\nUSER app\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends x\n",
    );
    const json = JSON.parse((await run("lint", "-f", "json", "Dockerfile")).out);
    expect(json.findings).toEqual([
      {
        file: "Dockerfile",
        line: 3,
        column: 1,
        endLine: 4,
        rule: "apt-lists-not-removed",
        severity: "warning",
        message: expect.any(String),
        hadolint: ["DL3009"],
      },
    ]);
  });

  it("checks the build context's .dockerignore, and --context moves it", async () => {
    write("app/Dockerfile", `${CLEAN}COPY . /app\n`);
    write("app/.git/HEAD", "ref");
    expect((await run("lint", "app", "-f", "json")).out).toContain(
      "copy-context-without-dockerignore",
    );
    write("ctx/.dockerignore", ".git\nnode_modules\n.env\n");
    expect((await run("lint", "app", "--context", "ctx")).code).toBe(0);
    write("app/Dockerfile.dockerignore", ".git\n");
    expect((await run("lint", "app/Dockerfile")).code).toBe(0);
  });

  it("finds .ballast.yaml upward from the Dockerfile; flags override it", async () => {
    write(
      ".ballast.yaml",
      "lint:\n  ignore: [DL3059]\n  severity:\n    apt-no-install-recommends: error\n  failure-threshold: error\n",
    );
    write(
      "svc/Dockerfile",
      "FROM debian:bookworm-slim\nUSER app\nRUN apt-get install -y curl\nRUN echo\n",
    );
    const r = await run("lint", "svc", "-f", "json");
    expect(
      JSON.parse(r.out).findings.map(
        (f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`,
      ),
    ).toEqual(["apt-no-install-recommends:error"]);
    expect(r.code).toBe(1);
    expect((await run("lint", "svc", "--ignore", "apt-no-install-recommends")).code).toBe(0);
    expect((await run("lint", "svc", "--no-config", "-t", "error")).code).toBe(0);
  });

  it("exits 2 with a one-line error for a bad config", async () => {
    write(".ballast.yaml", "lint:\n  ignore: [no-such-rule]\n");
    write("Dockerfile", CLEAN);
    const r = await run("lint", "Dockerfile");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^ballast: .*\.ballast\.yaml: unknown rule "no-such-rule".*\n$/);
  });

  it("exits 2 for a missing path and for an unknown format, without a stack trace", async () => {
    const missing = await run("lint", "nope");
    expect([missing.code, missing.err]).toEqual([2, "ballast: nope: no such file or directory\n"]);
    write("Dockerfile", CLEAN);
    const format = await run("lint", "-f", "yaml", "Dockerfile");
    expect(format.code).toBe(2);
    expect(format.err).not.toMatch(/\n\s+at /);
  });

  it("lints the other files when one cannot be read, then exits 2", async () => {
    write("a/Dockerfile", "\u0000\u0001binary");
    write("b/Dockerfile", CLEAN);
    const r = await run("lint", "a", "b");
    expect(r.code).toBe(2);
    expect(r.err).toBe("ballast: a/Dockerfile: binary file, not a Dockerfile\n");
    expect(r.out).toBe("no problems in 1 file\n");
  });

  it("turns bad Dockerfiles into findings with lines", async () => {
    write("Dockerfile", "FROM alpine:3.20\nUSER x\nFROBNICATE\nRUN <<EOF\necho\n");
    const r = await run("lint", "-f", "json", "Dockerfile");
    expect(
      JSON.parse(r.out).findings.map((f: { line: number; rule: string }) => `${f.line}:${f.rule}`),
    ).toEqual(["3:dockerfile-syntax", "4:dockerfile-syntax"]);
  });
});

describe("lint stdin", () => {
  it("lints `-` as a Dockerfile in the working directory, next to other paths", async () => {
    const { lintPaths } = await import("../../src/cli/lint-run.js");
    write("svc/Dockerfile", CLEAN);
    const result = await lintPaths(["-", "svc"], {
      cwd: dir,
      ignore: [],
      enable: [],
      readStdin: async () => "FROM debian:bookworm-slim\nUSER app\nRUN sudo true\n",
    });
    expect(result.files).toEqual(["-", "svc/Dockerfile"]);
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.rule}`)).toEqual([
      "-:3:sudo-in-run",
    ]);
    expect(result.failed).toBe(true);
  });
});

describe("ballast rules / rule", () => {
  it("lists every rule once", async () => {
    const r = await run("rules", "-f", "json");
    const ids = JSON.parse(r.out).rules.map((x: { id: string }) => x.id);
    expect(ids).toContain("apt-lists-not-removed");
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("prints a rule's docs by id or hadolint code, and exits 2 for an unknown one", async () => {
    const byId = await run("rule", "pip-no-cache-dir");
    expect(byId.out).toMatch(/^# pip-no-cache-dir\n/);
    for (const h of ["What it does", "Why it matters", "Example", "Use instead", "Fix safety"])
      expect(byId.out).toContain(`## ${h}`);
    expect((await run("rule", "dl3042")).out).toBe(byId.out);
    const unknown = await run("rule", "nope");
    expect([unknown.code, unknown.err]).toEqual([
      2,
      'ballast: unknown rule "nope" (run `ballast rules` for the list)\n',
    ]);
  });
});
