import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { sniffArchive } from "../../src/lint/archive-sniff.js";

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A context whose archives are made by GNU tar, gzip, bzip2 and xz, not by ballast. */
async function context(): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), "ballast-sniff-"));
  await mkdir(path.join(dir, "conf"));
  await writeFile(path.join(dir, "conf", "app.conf"), "x=1\n");
  await writeFile(path.join(dir, "notes.tar"), "not a tar at all\n");
  execFileSync("tar", ["-cf", "rootfs", "-C", dir, "conf"], { cwd: dir });
  execFileSync("tar", ["--format=v7", "-cf", "old.bin", "-C", dir, "conf"], { cwd: dir });
  execFileSync("sh", ["-c", "tar -cf - conf | bzip2 > layer.dat && tar -cf - conf | xz > x.dat"], {
    cwd: dir,
  });
  await writeFile(path.join(dir, "blob"), gzipSync("anything"));
  return dir;
}

describe("sniffArchive", () => {
  it("knows archives by their bytes, whatever the name", async () => {
    const d = await context();
    const sniff = (p: string) => sniffArchive(d, p);
    expect(sniff("rootfs")).toBe(true);
    expect(sniff("old.bin")).toBe(true);
    expect(sniff("layer.dat")).toBe(true);
    expect(sniff("x.dat")).toBe(true);
    expect(sniff("blob")).toBe(true);
    expect(sniff("notes.tar")).toBe(false);
    expect(sniff("conf/app.conf")).toBe(false);
    expect(sniff("conf")).toBe(false);
    expect(sniff("missing")).toBeUndefined();
    expect(sniff("../outside")).toBeUndefined();
  });

  it("ballast fix leaves ADD of a tar alone and fixes ADD of a plain file", async () => {
    const d = await context();
    const before = "FROM debian\nADD rootfs /\nADD notes.tar /x/\n";
    await writeFile(path.join(d, "Dockerfile"), before);
    expect(await main(["fix", "--write", "--no-config"], captureIO({ cwd: d }))).toBe(0);
    const { readFile } = await import("node:fs/promises");
    expect(await readFile(path.join(d, "Dockerfile"), "utf8")).toBe(
      "FROM debian\nADD rootfs /\nCOPY notes.tar /x/\n",
    );
  });
});
