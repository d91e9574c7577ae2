import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "ballast-pre-commit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], {
    cwd,
    encoding: "utf8",
  }).trim();

/** A Dockerfile with findings in every ballast config: each file that is linted shows up. */
const BAD = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";
const LINTED = [
  "Dockerfile",
  "api.Dockerfile",
  "Dockerfile.prod",
  "Containerfile",
  "sub/Containerfile",
];
const SKIPPED = ["Dockerfile.dockerignore", "Dockerfile.md", "README.md"];

/**
 * The hook as a user gets it: real pre-commit (Debian's package) installs it from a clone of
 * this repository at a commit, which runs npm install, npm pack (whose stdout must be the
 * tarball name alone) and npm install -g of the tarball, from the npm registry only.
 */
describe("pre-commit hook (.pre-commit-hooks.yaml) with real pre-commit", () => {
  let run: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    const clone = join(tmp, "ballast");
    // The working tree as committed plus its uncommitted hook files, as one new commit.
    git(tmp, "clone", "--quiet", "--no-local", ROOT, clone);
    for (const f of [".pre-commit-hooks.yaml", ".npmrc", "package.json"])
      execFileSync("cp", [join(ROOT, f), join(clone, f)]);
    git(clone, "add", "-A");
    git(clone, "commit", "--quiet", "--allow-empty", "-m", "hook under test");
    const rev = git(clone, "rev-parse", "HEAD");

    const project = join(tmp, "project");
    mkdirSync(join(project, "sub"), { recursive: true });
    for (const f of [...LINTED, ...SKIPPED]) writeFileSync(join(project, f), BAD);
    writeFileSync(
      join(project, ".pre-commit-config.yaml"),
      `repos:\n  - repo: ${clone}\n    rev: ${rev}\n    hooks:\n      - id: ballast-lint\n`,
    );
    git(project, "init", "--quiet");
    git(project, "add", "-A");
    run = spawnSync("pre-commit", ["run", "--all-files", "--color", "never"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, PRE_COMMIT_HOME: join(tmp, "cache"), CI: "true" },
      timeout: 900_000,
    });
  }, 900_000);

  it("installs (npm pack's stdout is only the tarball name) and fails on the findings", () => {
    const out = `${run.stdout}${run.stderr}`;
    expect(out).not.toMatch(/ENOENT|An unexpected error has occurred/);
    expect(out).toMatch(/ballast lint\.+Failed/);
    expect(run.status, out).toBe(1);
  });

  it("lints Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile, and not .dockerignore or .md", () => {
    const out = String(run.stdout);
    for (const f of LINTED)
      expect(out, f).toMatch(new RegExp(`^${f.replace(/\./g, "\\.")}:\\d+`, "m"));
    for (const f of SKIPPED)
      expect(out, f).not.toMatch(new RegExp(`^${f.replace(/\./g, "\\.")}:`, "m"));
  });
});
