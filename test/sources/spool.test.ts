import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { removeStaleSpools } from "../../src/sources/spool.js";
import { layerTar, writeDockerArchive } from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-spool-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const REPO = new URL("../..", import.meta.url).pathname;

/** A gzip-compressed docker save of ~300 kB that compresses to almost nothing. */
async function packedSave(name: string): Promise<string> {
  const layer = await layerTar([{ name: "zeros", content: Buffer.alloc(300_000) }]);
  const plain = await writeDockerArchive(join(tmp, `${name}.tar`), [{ layers: [layer] }]);
  const packed = join(tmp, `${name}.tar.gz`);
  writeFileSync(packed, gzipSync(readFileSync(plain)));
  return packed;
}

describe("the spool of a compressed docker save", () => {
  let spools: string;
  const saved = process.env.TMPDIR;
  beforeEach(() => {
    spools = mkdtempSync(join(tmp, "tmpdir-"));
    process.env.TMPDIR = spools;
  });
  afterEach(() => {
    process.env.TMPDIR = saved;
  });

  it("is capped by spoolLimit, and removed when the cap is hit", async () => {
    const packed = await packedSave("capped");
    await expect(openImage(packed, { spoolLimit: 100_000 })).rejects.toThrow(
      /decompressing the gzip archive: it decompresses to more than 100000 bytes \(the --spool-limit/,
    );
    expect(readdirSync(spools)).toEqual([]);
    const img = await openImage(packed, { spoolLimit: 1_000_000 });
    expect(readdirSync(spools)).toHaveLength(1);
    await img.close();
    expect(readdirSync(spools)).toEqual([]);
  });

  it("ballast analyze --spool-limit sets the cap, and names the flag", async () => {
    const { main } = await import("../../src/cli/main.js");
    const { captureIO } = await import("../../src/cli/io.js");
    const io = captureIO();
    expect(await main(["analyze", "--spool-limit", "100kB", await packedSave("cli")], io)).toBe(2);
    expect(io.err).toMatch(/more than 100000 bytes \(the --spool-limit/);
    expect(readdirSync(spools)).toEqual([]);
  });

  it("left by a process that is gone is removed; one of a live process is kept", () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    mkdirSync(join(spools, `ballast-archive-${dead}-abc123`));
    writeFileSync(join(spools, `ballast-archive-${dead}-abc123`, "image.tar"), "x");
    mkdirSync(join(spools, `ballast-archive-${process.ppid}-def456`));
    mkdirSync(join(spools, "unrelated"));
    removeStaleSpools(spools);
    expect(readdirSync(spools).sort()).toEqual([
      `ballast-archive-${process.ppid}-def456`,
      "unrelated",
    ]);
  });

  it.each(["SIGINT", "SIGTERM"] as const)(
    "is removed when the process gets %s",
    async (signal) => {
      const packed = await packedSave(`sig-${signal}`);
      const script = `
      const { openImage } = await import(${JSON.stringify(join(REPO, "src/sources/index.ts"))});
      await openImage(${JSON.stringify(packed)});
      console.log("open");
      setInterval(() => {}, 1000);`;
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script],
        {
          cwd: REPO,
          env: { ...process.env, TMPDIR: spools },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => d.toString().includes("open") && resolve());
        child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
      });
      // tsx keeps its cache in TMPDIR too: only ballast's spools count.
      const ours = () => readdirSync(spools).filter((f) => f.startsWith("ballast-archive-"));
      expect(ours()).toEqual([expect.stringMatching(`^ballast-archive-${child.pid}-`)]);
      const exited = new Promise<NodeJS.Signals | null>((r) => child.on("exit", (_c, s) => r(s)));
      child.kill(signal);
      expect(await exited).toBe(signal);
      expect(ours()).toEqual([]);
    },
    60_000,
  );
});
