import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { normalizeText, restoreText, writeFileAtomic } from "../../src/fix/write.js";

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("replaces the file, keeps its mode and leaves no temporary file", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "ballast-write-"));
    const file = path.join(dir, "Dockerfile");
    await writeFile(file, "old");
    await chmod(file, 0o640);
    await writeFileAtomic(file, "new\n");
    expect(await readFile(file, "utf8")).toBe("new\n");
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(["Dockerfile"]);
  });

  it("leaves the original and no temporary file when the rename fails", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "ballast-write-"));
    const target = path.join(dir, "Dockerfile");
    // A non-empty directory cannot be replaced by a file rename.
    await mkdir(target);
    await writeFile(path.join(target, "keep"), "x");
    await expect(writeFileAtomic(target, "new")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["Dockerfile"]);
    expect(await readFile(path.join(target, "keep"), "utf8")).toBe("x");
  });
});

describe("normalizeText / restoreText", () => {
  it("round-trips CRLF and a BOM", () => {
    const raw = "\uFEFFFROM x\r\nRUN a\r\n";
    const { text, shape } = normalizeText(raw);
    expect(text).toBe("FROM x\nRUN a\n");
    expect(restoreText(`${text}RUN b\n`, shape)).toBe("\uFEFFFROM x\r\nRUN a\r\nRUN b\r\n");
  });

  it("leaves mixed line endings alone", () => {
    const { text, shape } = normalizeText("a\r\nb\nc");
    expect(text).toBe("a\r\nb\nc");
    expect(restoreText(text, shape)).toBe("a\r\nb\nc");
  });
});
