import {
  chmod,
  chown,
  link,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { InputError } from "../../src/model/errors.js";
import { writeFileAtomic } from "../../src/fix/write.js";

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), "ballast-links-"));
  return dir;
}

const asRoot = process.getuid?.() === 0;

describe("writeFileAtomic keeps links, mode and owner (issue 13 §3)", () => {
  it("writes through a chain of relative symlinks to the target; the links stay links", async () => {
    const d = await scratch();
    await mkdir(path.join(d, "real"));
    await writeFile(path.join(d, "real", "Dockerfile"), "old\n");
    await symlink("real/Dockerfile", path.join(d, "hop"));
    await symlink("hop", path.join(d, "Dockerfile"));
    await writeFileAtomic(path.join(d, "Dockerfile"), "new\n");
    expect((await lstat(path.join(d, "Dockerfile"))).isSymbolicLink()).toBe(true);
    expect(await readlink(path.join(d, "Dockerfile"))).toBe("hop");
    expect((await lstat(path.join(d, "hop"))).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(d, "real", "Dockerfile"), "utf8")).toBe("new\n");
    expect((await readdir(d)).sort()).toEqual(["Dockerfile", "hop", "real"]);
    expect(await readdir(path.join(d, "real"))).toEqual(["Dockerfile"]);
  });

  it("keeps hard links: every name sees the new text and the inode is the same", async () => {
    const d = await scratch();
    const file = path.join(d, "Dockerfile");
    await writeFile(file, "a much longer old text than the new one\n");
    await link(file, path.join(d, "Dockerfile.copy"));
    const before = await stat(file);
    await writeFileAtomic(file, "new\n");
    const after = await stat(file);
    expect(after.ino).toBe(before.ino);
    expect(after.nlink).toBe(2);
    expect(await readFile(path.join(d, "Dockerfile.copy"), "utf8")).toBe("new\n");
    expect((await readdir(d)).sort()).toEqual(["Dockerfile", "Dockerfile.copy"]);
  });

  it("keeps mode bits, set-gid included", async () => {
    const d = await scratch();
    const file = path.join(d, "Dockerfile");
    await writeFile(file, "old");
    await chmod(file, 0o2664);
    await writeFileAtomic(file, "new");
    expect((await stat(file)).mode & 0o7777).toBe(0o2664);
  });

  it.runIf(asRoot)("keeps the owner and group (as root)", async () => {
    const d = await scratch();
    const file = path.join(d, "Dockerfile");
    await writeFile(file, "old");
    await chown(file, 4321, 8765);
    await writeFileAtomic(file, "new");
    const info = await stat(file);
    expect([info.uid, info.gid]).toEqual([4321, 8765]);
    expect(await readFile(file, "utf8")).toBe("new");
  });

  it("refuses a read-only (0444) file with a clear message, even as root", async () => {
    const d = await scratch();
    const file = path.join(d, "Dockerfile");
    await writeFile(file, "old");
    await chmod(file, 0o444);
    const err = await writeFileAtomic(file, "new", "Dockerfile").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      "Dockerfile: read-only (mode 0444); not written (make it writable, e.g. chmod u+w, to let --write change it)",
    );
    expect(await readFile(file, "utf8")).toBe("old");
    expect(await readdir(d)).toEqual(["Dockerfile"]);
  });

  it("refuses a symlink to something that is not a regular file", async () => {
    const d = await scratch();
    await symlink("/dev/null", path.join(d, "Dockerfile"));
    await expect(writeFileAtomic(path.join(d, "Dockerfile"), "x", "Dockerfile")).rejects.toThrow(
      "Dockerfile: not a regular file; not written",
    );
    expect(await readlink(path.join(d, "Dockerfile"))).toBe("/dev/null");
  });
});

describe("ballast fix --write on links", () => {
  const BEFORE = "FROM debian:bookworm\nADD app.sh /app/\n";
  const AFTER = "FROM debian:bookworm\nCOPY app.sh /app/\n";

  it("fixes a symlinked Dockerfile's target", async () => {
    const d = await scratch();
    await mkdir(path.join(d, "docker"));
    await writeFile(path.join(d, "docker", "Dockerfile"), BEFORE);
    await symlink("docker/Dockerfile", path.join(d, "Dockerfile"));
    expect(await main(["fix", "--write"], captureIO({ cwd: d }))).toBe(0);
    expect((await lstat(path.join(d, "Dockerfile"))).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(d, "docker", "Dockerfile"), "utf8")).toBe(AFTER);
  });

  it("exits 2 with one line for a read-only Dockerfile", async () => {
    const d = await scratch();
    await writeFile(path.join(d, "Dockerfile"), BEFORE);
    await chmod(path.join(d, "Dockerfile"), 0o444);
    const io = captureIO({ cwd: d });
    expect(await main(["fix", "--write"], io)).toBe(2);
    expect(io.err.trim().split("\n")).toHaveLength(1);
    expect(io.err).toMatch(/Dockerfile: read-only \(mode 0444\); not written/);
    expect(await readFile(path.join(d, "Dockerfile"), "utf8")).toBe(BEFORE);
  });
});
