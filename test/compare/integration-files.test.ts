import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { diveFixture } from "./dive-fixtures.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8"));
const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8"));

/** A stand-in for `bin/ballast.js` that runs the TypeScript sources (no build needed). */
function ballastShim(dir: string): string {
  const shim = join(dir, "ballast.mjs");
  const main = new URL("../../src/cli/main.ts", import.meta.url).href;
  // By URL: the shim lives outside the repository, where "tsx" would not resolve.
  const tsx = new URL("../../node_modules/tsx/dist/esm/api/index.mjs", import.meta.url).href;
  writeFileSync(
    shim,
    `import { register } from ${JSON.stringify(tsx)};\nregister();\nconst { main } = await import(${JSON.stringify(main)});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  return shim;
}

/** Runs the action's gate step script as the runner would, with its env block filled in. */
function runGateStep(inputs: Record<string, string>, cwd: string) {
  const step = action.runs.steps.find((s: { id?: string }) => s.id === "analyze");
  const output = join(cwd, "github-output");
  const summary = join(cwd, "step-summary");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    RUNNER_TEMP: cwd,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    NODE_PATH: join(ROOT, "node_modules"),
  };
  for (const [name, value] of Object.entries(step.env as Record<string, string>)) {
    const m = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value);
    env[name] = m ? (inputs[m[1]] ?? action.inputs[m[1]].default ?? "") : "";
  }
  env.BALLAST = ballastShim(cwd);
  // As the runner runs `shell: bash` steps.
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], {
    cwd,
    env,
    encoding: "utf8",
  });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    output: readFileSync(output, "utf8"),
    summary: readFileSync(summary, "utf8"),
  };
}

describe("action.yml", () => {
  it("every input a step uses is declared, and run scripts never splice inputs into their text", () => {
    const text = readFileSync(join(ROOT, "action.yml"), "utf8");
    for (const m of text.matchAll(/inputs\.([\w-]+)/g)) expect(action.inputs).toHaveProperty(m[1]);
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
    expect(action.runs.using).toBe("composite");
  });

  it("the analyze step passes dive's images under dive's .dive-ci and writes summary, JUnit and result", () => {
    const cwd = mkdtempSync(join(tmpdir(), "ballast-action-"));
    copyFileSync(diveFixture(".dive-ci"), join(cwd, ".dive-ci"));
    const r = runGateStep({ image: diveFixture("test-kaniko-image.tar") }, cwd);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.output).toContain("result=pass");
    expect(r.output).toContain("junit=ballast-junit.xml");
    expect(r.summary).toMatch(/PASS/);
    expect(readFileSync(join(cwd, "ballast-junit.xml"), "utf8")).toContain('failures="0"');
  });

  it("the analyze step fails the job when a rule fails (result=fail, not error)", () => {
    const cwd = mkdtempSync(join(tmpdir(), "ballast-action-"));
    const r = runGateStep(
      { image: diveFixture("test-docker-image.tar"), args: "--highest-wasted-bytes 1B" },
      cwd,
    );
    expect(r.status).toBe(1);
    expect(r.output).toContain("result=fail");
    expect(r.output).toContain("exit-code=1");
    expect(r.summary).toContain("FAIL");
  });
});

describe(".pre-commit-hooks.yaml", () => {
  const hook = hooks.find((h: { id: string }) => h.id === "ballast-lint");
  const files = new RegExp(hook.files);
  const exclude = new RegExp(hook.exclude);
  const selected = (path: string) => files.test(path) && !exclude.test(path);
  it.each([
    "Dockerfile",
    "docker/Dockerfile",
    "Dockerfile.dev",
    "Containerfile",
    "api.Dockerfile",
    "app.dockerfile",
    "build/x.containerfile",
  ])("runs on %s", (path) => expect(selected(path)).toBe(true));
  it.each([
    "Dockerfile.md/readme.txt",
    "README.md",
    "docker-compose.yml",
    "src/Dockerfiles.ts",
    "Dockerfile.dockerignore",
    "Dockerfile.md",
  ])("skips %s", (path) => expect(selected(path)).toBe(false));
  it("calls `ballast lint`, which takes file paths", () => {
    expect(hook.entry).toBe("ballast lint");
    expect(hook.language).toBe("node");
    const help = execFileSync(
      "node",
      [
        "--import",
        "tsx",
        "-e",
        'import("./src/cli/main.ts").then(async (m) => { process.exitCode = await m.main(["lint", "--help"]); })',
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(help).toMatch(/Usage: ballast lint \[options\] \[paths\.\.\.\]/);
  });
});
