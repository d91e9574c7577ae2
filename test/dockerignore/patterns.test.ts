import { describe, expect, it } from "vitest";
import { cleanPath, isExcluded, parseDockerignore } from "../../src/dockerignore/patterns.js";

/**
 * Expected values from Docker's documentation (docs.docker.com/build/concepts/context/#dockerignore-files)
 * and from moby/patternmatcher's behaviour as LIBRARIES.md (k) records it; written by hand.
 */
const CASES: { name: string; file: string; excluded: string[]; kept: string[] }[] = [
  { name: "*.md only at the root", file: "*.md", excluded: ["README.md"], kept: ["docs/guide.md"] },
  {
    name: "**/*.md at any depth",
    file: "**/*.md",
    excluded: ["README.md", "docs/a/guide.md"],
    kept: ["docs/guide.txt"],
  },
  {
    name: "a directory name excludes its contents",
    file: "node_modules",
    excluded: ["node_modules", "node_modules/a/b.js"],
    kept: ["a/node_modules/x", "node_modules2"],
  },
  {
    name: "docs example */temp*",
    file: "*/temp*",
    excluded: ["somedir/temporary.txt", "somedir/temp"],
    kept: ["temp", "a/b/temp"],
  },
  {
    name: "docs example */*/temp*",
    file: "*/*/temp*",
    excluded: ["somedir/subdir/temporary.txt"],
    kept: ["somedir/temporary.txt"],
  },
  {
    name: "docs example temp?",
    file: "temp?",
    excluded: ["tempa", "tempb/x"],
    kept: ["tempab", "temp"],
  },
  {
    name: "docs example: exception",
    file: "*.md\n!README.md",
    excluded: ["CHANGES.md"],
    kept: ["README.md"],
  },
  {
    name: "docs example: later exclusion wins",
    file: "*.md\n!README*.md\nREADME-secret.md",
    excluded: ["README-secret.md", "x.md"],
    kept: ["README-x.md"],
  },
  {
    name: "docs example: later exception wins",
    file: "*.md\nREADME-secret.md\n!README*.md",
    excluded: ["x.md"],
    kept: ["README-secret.md", "README.md"],
  },
  {
    name: "re-include a file under an excluded directory",
    file: "docs\n!docs/README.md",
    excluded: ["docs/a.md", "docs"],
    kept: ["docs/README.md"],
  },
  {
    name: "exception for a whole directory then a file in it",
    file: "*\n!src\nsrc/secret.txt",
    excluded: ["a.txt", "src/secret.txt"],
    kept: ["src/main.go", "src/sub/x"],
  },
  {
    name: "leading slash is the context root",
    file: "/foo",
    excluded: ["foo", "foo/bar"],
    kept: ["a/foo"],
  },
  {
    name: "./ and .. are cleaned",
    file: "./foo/../bar\n./baz/",
    excluded: ["bar", "baz", "baz/x"],
    kept: ["foo", "foo/bar"],
  },
  {
    name: "**foo suffix match has no path boundary (Docker quirk)",
    file: "**foo",
    excluded: ["barfoo", "a/xfoo", "foo", "foo/x"],
    kept: ["food"],
  },
  {
    name: "**/foo keeps the boundary and matches foo itself",
    file: "**/foo",
    excluded: ["foo", "a/foo", "a/foo/b"],
    kept: ["barfoo"],
  },
  {
    name: "foo** is a plain prefix",
    file: "foo**",
    excluded: ["foobar", "foo/x", "foo"],
    kept: ["afoo"],
  },
  {
    name: "a/**/b matches zero or more directories",
    file: "a/**/b",
    excluded: ["a/b", "a/x/y/b", "a/x/b/c"],
    kept: ["a/xb", "b"],
  },
  {
    name: "dir/** excludes the contents, not the directory entry",
    file: "dir/**",
    excluded: ["dir/a", "dir/a/b"],
    kept: ["dir", "dirx"],
  },
  {
    name: "**/name at any depth",
    file: "**/__pycache__",
    excluded: ["__pycache__/a.pyc", "a/b/__pycache__/c.pyc"],
    kept: ["a/__pycache__x"],
  },
  {
    name: "# after leading spaces is a pattern, in column 1 a comment",
    file: "  # x\n#y",
    excluded: ["# x"],
    kept: ["#y"],
  },
  {
    name: "[!a] is the set {!, a} (Docker quirk)",
    file: "[!a]",
    excluded: ["!", "a"],
    kept: ["b"],
  },
  { name: "[^a] negates", file: "[^a]", excluded: ["b"], kept: ["a", "bb"] },
  { name: "ranges", file: "file[0-9].txt", excluded: ["file3.txt"], kept: ["filex.txt"] },
  { name: "backslash escapes", file: "\\*.txt", excluded: ["*.txt"], kept: ["a.txt"] },
  {
    name: "trailing slash and spaces trimmed",
    file: "build/   \n  tmp",
    excluded: ["build", "build/x", "tmp/y"],
    kept: ["buildx"],
  },
  {
    name: "regexp characters are literal",
    file: "a+b(c).{d}$",
    excluded: ["a+b(c).{d}$"],
    kept: ["aab(c)x{d}"],
  },
  { name: "! with spaces", file: "*.log\n! keep.log", excluded: ["a.log"], kept: ["keep.log"] },
  {
    name: "** alone excludes everything",
    file: "**\n!app",
    excluded: ["x", "a/b"],
    kept: ["app", "app/main.py"],
  },
];

describe("dockerignore matching (Docker semantics)", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const patterns = parseDockerignore(c.file);
      for (const p of c.excluded) expect(isExcluded(patterns, p), `${p} excluded`).toBe(true);
      for (const p of c.kept) expect(isExcluded(patterns, p), `${p} kept`).toBe(false);
    });
  }

  it("buildah's dialect reads **foo with a path boundary, and the pattern is flagged", () => {
    const buildah = parseDockerignore("**foo\nqux**\n**/baz", "buildah");
    expect(isExcluded(buildah, "barfoo")).toBe(false);
    expect(isExcluded(buildah, "x/foo")).toBe(true);
    expect(isExcluded(buildah, "foo")).toBe(true);
    expect(isExcluded(buildah, "quxx/y")).toBe(true);
    expect(isExcluded(buildah, "a/baz")).toBe(true);
    expect(buildah.map((p) => p.buildersDisagree)).toEqual([true, false, false]);
  });

  it("rejects what Docker rejects, naming the line", () => {
    expect(() => parseDockerignore("ok\n!")).toThrow(/line 2: illegal exclusion pattern/);
    expect(() => parseDockerignore("a[b")).toThrow(/line 1: syntax error/);
    expect(() => parseDockerignore("x\\")).toThrow(/syntax error/);
  });

  it("keeps patterns in file order with their lines", () => {
    const patterns = parseDockerignore("# c\n\n/a\n!b/\n");
    expect(patterns.map((p) => [p.pattern, p.exclusion, p.line])).toEqual([
      ["a", false, 3],
      ["b", true, 4],
    ]);
  });

  it("cleans paths as Go's filepath.Clean", () => {
    expect(cleanPath("")).toBe(".");
    expect(cleanPath("a//b/./c/..")).toBe("a/b");
    expect(cleanPath("../a")).toBe("../a");
    expect(cleanPath("/../a")).toBe("/a");
    expect(cleanPath("a/..")).toBe(".");
  });
});
