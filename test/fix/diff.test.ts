import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/fix/diff.js";

const names = { from: "a/Dockerfile", to: "b/Dockerfile" };

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("FROM x\n", "FROM x\n", names)).toBe("");
  });

  it("numbers a hunk that starts with a change where insertions came before deletions (as diff -u)", () => {
    // GNU diff -u on these two files prints "@@ -1,3 +1,4 @@".
    expect(unifiedDiff("A\nB\nC\n", "X\nY\nZ\nC\n", names)).toBe(
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,4 @@\n-A\n-B\n+X\n+Y\n+Z\n C\n",
    );
  });

  it("changes one line with three lines of context", () => {
    const before = "1\n2\n3\n4\n5\n6\n7\n8\n";
    const after = "1\n2\n3\n4\nfive\n6\n7\n8\n";
    expect(unifiedDiff(before, after, names)).toBe(
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
    );
  });

  it("keeps distant changes in separate hunks, near ones in one", () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join("\n") + "\n";
    const after = before.replace("l2\n", "L2\n").replace("l18\n", "");
    expect(unifiedDiff(before, after, names)).toBe(
      "--- a/Dockerfile\n+++ b/Dockerfile\n" +
        "@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n" +
        "@@ -15,6 +15,5 @@\n l15\n l16\n l17\n-l18\n l19\n l20\n",
    );
    const near = before.replace("l2\n", "L2\n").replace("l8\n", "L8\n");
    expect(unifiedDiff(before, near, names).match(/^@@/gm)).toHaveLength(1);
  });

  it("inserts at the start and deletes at the end", () => {
    expect(unifiedDiff("a\nb\n", "new\na\nb\n", names)).toBe(
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,3 @@\n+new\n a\n b\n",
    );
    expect(unifiedDiff("a\nb\n", "a\n", names)).toBe(
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1 @@\n a\n-b\n",
    );
  });

  it("marks a missing final newline, and a change of it", () => {
    expect(unifiedDiff("a\nb", "a\nc", names)).toBe(
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
    );
    expect(unifiedDiff("a\nb", "a\nb\n", names)).toBe(
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
    );
  });

  it("groups a replaced block as deletions then insertions", () => {
    expect(unifiedDiff("x\nRUN a\nRUN b\ny\n", "x\nRUN a \\\n && b\ny\n", names)).toBe(
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,4 +1,4 @@\n x\n-RUN a\n-RUN b\n+RUN a \\\n+ && b\n y\n",
    );
  });
});
