import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve as resolvePath } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRegistry, type RegistryServer } from "../helpers/registry-server.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import { fixture } from "./fixtures.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "ballast-action-"));

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  run?: string;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as Action;

/** GITHUB_OUTPUT's `key=value` lines (the action writes no multi-line values). */
const readOutputs = (file: string) =>
  Object.fromEntries(
    (existsSync(file) ? readFileSync(file, "utf8") : "")
      .split("\n")
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );

/**
 * Runs the composite action's `run:` steps as the runner does (`bash --noprofile --norc -eo
 * pipefail`), with the environment it sets: `${{ inputs.* }}`, `${{ github.action_path }}`
 * and `${{ steps.*.outputs.* }}` resolved in each step's `env`, GITHUB_OUTPUT per step,
 * RUNNER_TEMP and GITHUB_STEP_SUMMARY. `uses:` steps (setup-node, cache) are GitHub's; the
 * cache is taken as hit, since this checkout is already installed and built.
 */
async function runAction(inputs: Record<string, string>, name: string) {
  const dir = mkdtempSync(join(tmp, `${name}-`));
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) values[k] = inputs[k] ?? v.default ?? "";
  const steps: Record<string, Record<string, string>> = { cache: { "cache-hit": "true" } };
  const resolve = (expr: string) =>
    expr.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
      if (e === "github.action_path") return ROOT;
      const input = /^inputs\.([\w-]+)$/.exec(e);
      if (input) return values[input[1]];
      const out = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
      if (out) return steps[out[1]]?.[out[2]] ?? "";
      throw new Error(`expression not handled by the test runner: ${e}`);
    });
  const summary = join(dir, "step-summary.md");
  let status = 0;
  for (const step of action.runs.steps) {
    if (step.uses) continue;
    if (step.if === "steps.cache.outputs.cache-hit != 'true'") continue;
    expect(step.if, `${step.name}: an if the test does not evaluate`).toBeUndefined();
    const output = join(dir, `${step.id ?? "step"}.out`);
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(v)]));
    const script = join(dir, `${step.id ?? "step"}.sh`);
    writeFileSync(script, step.run!);
    expect(step.run!, "inputs reach scripts through env only").not.toMatch(/\$\{\{/);
    // Asynchronously: the logging proxy runs in this process and must keep serving.
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: dir,
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        RUNNER_TEMP: dir,
        RUNNER_OS: "Linux",
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        ...env,
      },
    });
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    if (step.id) steps[step.id] = readOutputs(output);
    status = code ?? -1;
    if (status !== 0) break;
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([k, v]) => [k, resolve(v.value)]),
  );
  return {
    status,
    outputs,
    dir,
    summary: existsSync(summary) ? readFileSync(summary, "utf8") : "",
  };
}

let registry: RegistryServer;
let proxy: FaultProxy;
beforeAll(async () => {
  registry = await startRegistry({ rootDir: fixture("registry-data"), readOnly: true });
  // No faults: the proxy only logs what the action asked the real registry for.
  proxy = await startFaultProxy(registry.host);
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("action.yml, its steps run as the runner runs them", () => {
  it("a failed gate: result=fail, exit 1, every file from one read of the image", async () => {
    proxy.log.length = 0;
    const { status, outputs, dir, summary } = await runAction(
      {
        image: `docker://${proxy.host}/fixtures/bloated:oci`,
        "tls-verify": "false",
        platform: "linux/amd64",
        args: "--max-compressed-size 1MB --lowest-efficiency disabled",
        sarif: "out.sarif",
        html: "out.html",
        json: "out.json",
      },
      "fail",
    );
    expect(status).toBe(1);
    expect(outputs).toMatchObject({ result: "fail", "exit-code": "1", junit: "ballast-junit.xml" });
    for (const key of ["sarif", "html", "json", "junit", "summary"])
      expect(existsSync(resolvePath(dir, outputs[key]!)), key).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "out.json"), "utf8")).ci.pass).toBe(false);
    expect(summary).toMatch(/max-compressed-size|compressed/i);
    // Each layer blob was downloaded once, though four formats and a verdict were written.
    const blobs = proxy.log.filter((r) => r.method === "GET" && /\/blobs\/sha256:/.test(r.path));
    const paths = blobs.map((r) => r.path);
    expect(paths.length).toBeGreaterThan(1);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("an image that does not exist: result=error, exit 2, and no file output is set", async () => {
    const { status, outputs } = await runAction(
      {
        image: `docker://${proxy.host}/fixtures/no-such-image:1`,
        "tls-verify": "false",
        sarif: "out.sarif",
        html: "out.html",
        json: "out.json",
      },
      "error",
    );
    expect(status).toBe(2);
    expect(outputs).toMatchObject({ result: "error", "exit-code": "2" });
    for (const key of ["sarif", "html", "json", "junit", "summary"])
      expect(outputs[key], key).toBe("");
  });

  it("a passing gate and the analyze command: result=pass, exit 0", async () => {
    const gate = await runAction(
      {
        image: `oci:${fixture("oci-layout")}:slim`,
        args: "--lowest-efficiency disabled --highest-user-wasted-percent disabled",
        json: "out.json",
      },
      "pass",
    );
    expect(gate.status).toBe(0);
    expect(gate.outputs).toMatchObject({ result: "pass", "exit-code": "0" });
    const report = await runAction(
      { image: `oci:${fixture("oci-layout")}:slim`, command: "analyze", junit: "j.xml" },
      "report",
    );
    expect(report.status).toBe(0);
    // No verdict without a gate, so no JUnit file is announced.
    expect(report.outputs).toMatchObject({ result: "pass", junit: "" });
    expect(report.summary).toMatch(/^#/m);
  });
});
