import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "../../src/build/exec.js";
import { walkContext } from "../../src/dockerignore/context.js";
import { isExcluded, parseDockerignore } from "../../src/dockerignore/patterns.js";
import { LAB_DIR } from "./fixtures.js";

const STORE = `${LAB_DIR}/store-overlay`;
const BUILDAH = [
  "--storage-driver",
  "overlay",
  "--root",
  `${STORE}/root`,
  "--runroot",
  `${STORE}/run`,
];
const buildah = (...args: string[]) => execFile("buildah", [...BUILDAH, ...args]);

/** A .dockerignore that exercises every rule of Docker's matcher, quirks included. */
const DOCKERIGNORE = `# comment
*.md
!README.md
docs
!docs/keep.txt
**/*.log
!important.log
**foo
/build
a/**/b
[!a]
  # x
tmp?
node_modules
dir/**
./cleaned/../gone
*/nested-*
secret/
!secret/public
`;

const FILES = [
  "README.md",
  "CHANGES.md",
  "sub/notes.md",
  "docs/guide.txt",
  "docs/keep.txt",
  "docs/deep/x.txt",
  "app.log",
  "important.log",
  "logs/a.log",
  "logs/deep/b.log",
  "barfoo",
  "foo",
  "x/yfoo",
  "food",
  "build/out.bin",
  "src/build/keep.txt",
  "a/b",
  "a/x/y/b",
  "a/xb",
  "!",
  "b",
  "# x",
  "tmp1",
  "tmp12",
  "node_modules/pkg/index.js",
  "lib/node_modules/y.js",
  "dir/f",
  "dir/g/h",
  "gone",
  "cleaned/kept",
  "z/nested-1",
  "z/w/nested-2",
  "secret/key",
  "secret/public",
  "main.py",
];

describe("dockerignore: ballast's reading equals what buildah sends", () => {
  let root: string;
  let context: string;
  const tag = `localhost/ballast-dockerignore-check:${process.pid}`;
  let visible: Set<string>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "ballast-ignore-"));
    context = path.join(root, "context");
    for (const f of FILES) {
      await mkdir(path.dirname(path.join(context, f)), { recursive: true });
      await writeFile(path.join(context, f), `${f}\n`);
    }
    await mkdir(path.join(context, "emptydir"));
    await symlink("main.py", path.join(context, "link.py"));
    await writeFile(path.join(context, ".dockerignore"), DOCKERIGNORE);
    // The Dockerfile lives outside the context so that it is not part of the listing.
    await writeFile(path.join(root, "Dockerfile"), "FROM scratch\nCOPY . /ctx\n");
    const build = await buildah(
      "bud",
      "--isolation",
      "chroot",
      "--pull=never",
      "-f",
      path.join(root, "Dockerfile"),
      "-t",
      tag,
      context,
    );
    expect(build.code, build.stderr).toBe(0);
    const ctr = (await buildah("from", "--pull-never", tag)).stdout.trim();
    try {
      const mnt = (await buildah("mount", ctr)).stdout.trim();
      const inImage = await walkContext(path.join(mnt, "ctx"));
      visible = new Set(inImage.filter((e) => e.kind !== "dir").map((e) => e.path));
      await buildah("umount", ctr);
    } finally {
      await buildah("rm", ctr);
    }
  }, 300_000);

  afterAll(async () => {
    await buildah("rmi", "--force", tag);
    await rm(root, { recursive: true, force: true });
  });

  it("with buildah's dialect, every file ballast keeps is in the image and every file it excludes is not", async () => {
    const patterns = parseDockerignore(DOCKERIGNORE, "buildah");
    const entries = (await walkContext(context)).filter((e) => e.kind !== "dir");
    const keptByBallast = entries
      .map((e) => e.path)
      .filter((p) => !isExcluded(patterns, p))
      .sort();
    expect(keptByBallast).toEqual([...visible].sort());
  });

  it("Docker's dialect differs from buildah only where `**foo` has no path boundary", async () => {
    const patterns = parseDockerignore(DOCKERIGNORE, "docker");
    const entries = (await walkContext(context)).filter((e) => e.kind !== "dir");
    const differ = entries
      .map((e) => e.path)
      .filter((p) => isExcluded(patterns, p) === visible.has(p));
    expect(differ.sort()).toEqual(["barfoo", "x/yfoo"]);
    expect(patterns.filter((p) => p.buildersDisagree).map((p) => p.pattern)).toEqual(["**foo"]);
  });

  it("the prepared context really exercises exclusion and re-inclusion", () => {
    expect(visible.has("README.md")).toBe(true);
    expect(visible.has("docs/keep.txt")).toBe(true);
    expect(visible.has("CHANGES.md")).toBe(false);
    expect(visible.has("app.log")).toBe(false);
    expect(visible.size).toBeGreaterThan(8);
  });
});
