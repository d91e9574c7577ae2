import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { spawn } from "node:child_process";
import { execFile } from "../../src/build/exec.js";
import { fileURLToPath } from "node:url";
import {
  BASE,
  BUILD_ENV,
  RUN_LABEL,
  cliIO,
  mb,
  storeContainerIds,
  storeImageIds,
} from "./fix-helpers.js";

/** ADD then `RUN chown -R`: the chown layer stores the 8 MB file a second time. */
/** tsx's loader by absolute URL: the child runs in a temp dir, where the bare name "tsx" does not resolve. */
const TSX_LOADER = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
const ORIGINAL = `FROM ${BASE}\n${RUN_LABEL}\nADD data.bin /data/\nRUN chown -R nobody:nogroup /data\nCMD ["stat", "-c", "%U %s %n", "/data", "/data/data.bin"]\n`;
const FIXED = `FROM ${BASE}\n${RUN_LABEL}\nCOPY --chown=nobody:nogroup data.bin /data/\nCMD ["stat", "-c", "%U %s %n", "/data", "/data/data.bin"]\n`;

interface Measure {
  compressed: number;
  uncompressed: number;
  layerCount: number;
  reclaimable: number;
}

describe("ballast fix --verify and build-compare with buildah (real builds)", () => {
  let dir: string;
  let imagesBefore: string[];

  beforeAll(async () => {
    imagesBefore = await storeImageIds();
    dir = await mkdtemp(path.join(tmpdir(), "ballast-fixcli-"));
    await writeFile(path.join(dir, "data.bin"), randomBytes(8 << 20));
    await writeFile(path.join(dir, "Dockerfile"), ORIGINAL);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("--verify builds the original and each fix group, and attributes the savings", async () => {
    const io = cliIO(dir);
    expect(await main(["fix", "--verify", "--builder", "buildah"], io), io.err).toBe(1);
    // Without --write the file is untouched and the diff is printed first.
    expect(await readFile(path.join(dir, "Dockerfile"), "utf8")).toBe(ORIGINAL);
    expect(io.out).toContain(
      "-ADD data.bin /data/\n-RUN chown -R nobody:nogroup /data\n+COPY --chown=nobody:nogroup data.bin /data/\n",
    );
    expect(io.out).toMatch(/measured with buildah/);
    const saved = /^saved\s+(\S+ \S+) \(([\d.]+) %\)/m.exec(io.out);
    expect(saved, io.out).not.toBeNull();
    expect(io.out).toMatch(/^\+ add-instead-of-copy\s+\S+ \S+/m);
    expect(io.out).toMatch(/^\+ chown-in-later-layer\s+[\d.]+ MB\s+[\d.]+ MB\s+-1$/m);
    console.log(`fix --verify (ADD + chown -R):\n${io.out.slice(io.out.indexOf("measured"))}`);
  });

  it("--write rewrites the file; build-compare measures original against fixed", async () => {
    await writeFile(path.join(dir, "Dockerfile.orig"), ORIGINAL);
    const fix = cliIO(dir);
    expect(await main(["fix", "--write"], fix), fix.err).toBe(0);
    expect(await readFile(path.join(dir, "Dockerfile"), "utf8")).toBe(FIXED);
    const io = cliIO(dir);
    expect(
      await main(["build-compare", "Dockerfile.orig", "Dockerfile", "--format", "json"], io),
      io.err,
    ).toBe(0);
    const c = JSON.parse(io.out) as { before: Measure; after: Measure };
    // The chown layer held a second copy of the 8 MiB file.
    expect(c.before.uncompressed - c.after.uncompressed).toBeGreaterThanOrEqual(8 << 20);
    expect(c.before.compressed - c.after.compressed).toBeGreaterThanOrEqual(8e6);
    expect(c.before.layerCount - c.after.layerCount).toBe(1);
    expect(c.before.reclaimable).toBeGreaterThanOrEqual(8 << 20);
    expect(c.after.reclaimable).toBe(0);
    console.log(
      `build-compare ADD+chown: compressed ${mb(c.before.compressed)} → ${mb(c.after.compressed)}, uncompressed ${mb(c.before.uncompressed)} → ${mb(c.after.uncompressed)}, layers ${c.before.layerCount} → ${c.after.layerCount}`,
    );
  });

  it("a failing build leaves no image and no container", async () => {
    await writeFile(
      path.join(dir, "Broken.Dockerfile"),
      `FROM ${BASE}\n${RUN_LABEL}\nCOPY data.bin /d/\nRUN false\n`,
    );
    const containers = await storeContainerIds();
    const io = cliIO(dir);
    expect(await main(["build-compare", "Dockerfile", "Broken.Dockerfile"], io)).toBe(2);
    expect(io.err).toMatch(/buildah bud .*Broken\.Dockerfile failed \(exit \d+\)/);
    expect(await storeContainerIds()).toEqual(containers);
    expect(await storeImageIds()).toEqual(imagesBefore);
  });

  it("an interrupted build stops, and leaves no image and no container", async () => {
    await writeFile(
      path.join(dir, "Slow.Dockerfile"),
      `FROM ${BASE}\n${RUN_LABEL}\nCOPY data.bin /d/\nRUN sleep 60\n`,
    );
    const containers = await storeContainerIds();
    const script = path.join(dir, "ballast.mts");
    const entry = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
    await writeFile(
      script,
      `import { main } from ${JSON.stringify(entry)};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
    );
    const child = spawn(
      process.execPath,
      ["--import", TSX_LOADER, script, "build-compare", "Dockerfile", "Slow.Dockerfile"],
      {
        cwd: dir,
        env: { ...process.env, ...BUILD_ENV },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    // Wait until the slow step runs (the COPY layer is committed by then), then interrupt.
    for (let waited = 0; ; waited += 250) {
      const sleeping = await execFile("pgrep", ["-x", "-f", "sleep 60"]);
      if (sleeping.code === 0) break;
      if (waited > 120_000) throw new Error(`the slow build never started:\n${err}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code, err).toBe(2);
    expect(err).toMatch(/interrupted: stopping the build/);
    // The RUN's own process went with the builder's process group.
    expect((await execFile("pgrep", ["-x", "-f", "sleep 60"])).code).toBe(1);
    expect(await storeContainerIds()).toEqual(containers);
    expect(await storeImageIds()).toEqual(imagesBefore);
  });

  it("leaves no image behind", async () => {
    expect(await storeImageIds()).toEqual(imagesBefore);
  });
});
