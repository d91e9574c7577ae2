import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;
const read = (rel: string) => readFileSync(join(root, rel), "utf8");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) return files(rel, ext);
    return ext.test(name) ? [rel] : [];
  });
}

describe("docs/guide.md, the guide every finding cites", () => {
  const anchors = new Set(
    [...read("docs/guide.md").matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])),
  );
  const citing = [...files("src", /\.ts$/), "README.md", ...files("docs", /\.md$/)];

  it("every docs/guide.md#anchor in the code and docs names a section that exists", () => {
    let cited = 0;
    for (const file of citing) {
      const text = read(file);
      for (const m of text.matchAll(/docs\/guide\.md#([a-z0-9-]+)((?:, #[a-z0-9-]+)*)/g)) {
        const ids = [m[1], ...[...m[2].matchAll(/#([a-z0-9-]+)/g)].map((x) => x[1])];
        for (const id of ids) {
          expect(anchors, `${file}: docs/guide.md#${id}`).toContain(id);
          cited++;
        }
      }
    }
    expect(cited).toBeGreaterThan(30);
  });

  it("nothing points at GUIDE.md, which ships nowhere", () => {
    for (const file of citing) expect(read(file), file).not.toMatch(/GUIDE\.md/);
  });
});

describe("the npm package", () => {
  const pkg = JSON.parse(read("package.json"));
  // --ignore-scripts: the list, without rebuilding dist/ (the build is tested elsewhere).
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }),
  ) as [{ files: { path: string }[] }];
  const shipped = packed.files.map((f) => f.path);

  it("ships the LICENSE (MIT, ballast contributors), the guide and the README", () => {
    expect(pkg.license).toBe("MIT");
    expect(read("LICENSE")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} ballast contributors/);
    for (const f of ["LICENSE", "README.md", "docs/guide.md", "bin/ballast.js", "package.json"])
      expect(shipped).toContain(f);
  });

  it("ships no source maps (they would point at src/, which is not shipped) and no src/", () => {
    expect(shipped.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(shipped.filter((f) => f.startsWith("src/"))).toEqual([]);
  });

  it("has no native dependency: every install script left is allowed or denied by name", () => {
    expect(Object.keys(pkg.dependencies)).not.toContain("zstd-napi");
    expect(Object.keys(pkg.allowScripts ?? {}).sort()).toEqual([
      "esbuild",
      "msgpackr-extract",
      "tree-sitter-bash",
    ]);
  });
});
