import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it("a change at line 1: both sides start at 1 (was @@ -1,4 +2,4 @@)", () => {
    expect(unifiedDiff("a\nb\nc\n", "A\nb\nc\n", names)).toBe(
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n",
    );
  });

  it("GNU patch applies every diff exactly, and each new-side start is the old one plus the lines added before it (120 random edits)", () => {
    const dir = mkdtempSync(join(tmpdir(), "ballast-diff-"));
    let x = 7;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) >>> 0), (x >>> 16) % n);
    try {
      for (let t = 0; t < 120; t++) {
        const a = Array.from({ length: 1 + rnd(12) }, () => `l${rnd(6)}`);
        const b = [...a];
        for (let k = 0; k <= rnd(3); k++) {
          const op = rnd(3);
          const at = rnd(b.length + 1);
          if (op === 0) b.splice(at, 0, `n${rnd(9)}`);
          else if (op === 1) b.splice(at, 1);
          else b[at] = `c${rnd(9)}`;
        }
        const [before, after] = [a, b].map((l) => (l.length ? `${l.join("\n")}\n` : ""));
        if (before === after) continue;
        writeFileSync(join(dir, "f"), before);
        const diff = unifiedDiff(before, after, names);
        let shift = 0;
        for (const [, a0, al, b0, bl] of diff.matchAll(
          /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm,
        )) {
          const [aStart, aLen, bStart, bLen] = [a0, al ?? "1", b0, bl ?? "1"].map(Number);
          // An empty side names the line before it (GNU diff), one less than where it starts.
          expect(bStart + (bLen === 0 ? 1 : 0), diff).toBe(aStart + (aLen === 0 ? 1 : 0) + shift);
          shift += bLen - aLen;
        }
        writeFileSync(join(dir, "p"), diff);
        const r = spawnSync("patch", ["-s", "-F0", "--no-backup-if-mismatch", "f", "p"], {
          cwd: dir,
          encoding: "utf8",
        });
        expect(`${r.stdout}${r.stderr}`, JSON.stringify([a, b])).toBe("");
        expect(r.status).toBe(0);
        expect(readFileSync(join(dir, "f"), "utf8")).toBe(after);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
