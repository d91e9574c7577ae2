import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function project(dockerfile: string, extra: Record<string, string> = {}): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), "ballast-fixcmd-"));
  await writeFile(path.join(dir, "Dockerfile"), dockerfile);
  for (const [name, text] of Object.entries(extra)) await writeFile(path.join(dir, name), text);
  return dir;
}

const BLOATED =
  "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\nADD app.sh /app/\n";

describe("ballast fix", () => {
  it("prints a diff, exits 1, and does not touch the file", async () => {
    const cwd = await project(BLOATED);
    const io = captureIO({ cwd });
    expect(await main(["fix"], io)).toBe(1);
    expect(io.out).toBe(
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,4 +1,4 @@\n FROM debian:bookworm\n RUN apt-get update\n-RUN apt-get install -y curl\n-ADD app.sh /app/\n+RUN apt-get install --no-install-recommends -y curl\n+COPY app.sh /app/\n",
    );
    expect(io.err).toMatch(/Dockerfile: 2 fixes to apply in 1 pass \(run with --write to apply\)/);
    expect(io.err).toMatch(
      /2 more fixes with --unsafe-fixes \(heavy-base-image, consecutive-run\)/,
    );
    expect(await readFile(path.join(cwd, "Dockerfile"), "utf8")).toBe(BLOATED);
  });

  it("shows the Dockerfile's control characters escaped on a terminal, and byte-exact in a pipe", async () => {
    const hostile = "FROM debian:bookworm\n# \x1b]0;pwned\x07\x1b[2J\nADD app.sh /app/\n";
    const cwd = await project(hostile);
    const tty = captureIO({ cwd, stdoutIsTTY: true });
    expect(await main(["fix"], tty)).toBe(1);
    expect(tty.out).not.toMatch(/\x1b/);
    expect(tty.out).toContain(" # \\x1b]0;pwned\\x07\\x1b[2J\n");
    const pipe = captureIO({ cwd });
    expect(await main(["fix"], pipe)).toBe(1);
    expect(pipe.out).toContain(" # \x1b]0;pwned\x07\x1b[2J\n");
  });

  it("--write --unsafe-fixes rewrites it; a second run has nothing to do", async () => {
    const cwd = await project(BLOATED);
    const io = captureIO({ cwd });
    expect(await main(["fix", "--write", "--unsafe-fixes", "Dockerfile"], io)).toBe(0);
    expect(io.out).toBe("");
    expect(await readFile(path.join(cwd, "Dockerfile"), "utf8")).toBe(
      "FROM debian:bookworm-slim\nRUN apt-get update \\\n    && apt-get install --no-install-recommends -y curl \\\n    && apt-get clean && rm -rf /var/lib/apt/lists/*\nCOPY app.sh /app/\n",
    );
    expect(io.err).toMatch(/5 fixes applied in 3 passes, file rewritten/);
    const again = captureIO({ cwd });
    expect(await main(["fix", "--write", "--unsafe-fixes"], again)).toBe(0);
    expect(again.err).toMatch(/^Dockerfile: nothing to fix/);
  });

  it("one --unsafe-fixes run gives what a safe run then an unsafe run give", async () => {
    const text =
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends python3-pip\nCOPY app.py /app/\nRUN rm -rf /var/lib/apt/lists/*\nRUN pip install x\n";
    const expected =
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends python3-pip && apt-get clean && rm -rf /var/lib/apt/lists/*\nCOPY app.py /app/\nRUN pip install --no-cache-dir x\n";
    const cwd = await project(text);
    expect(await main(["fix", "--write", "--unsafe-fixes"], captureIO({ cwd }))).toBe(0);
    expect(await readFile(path.join(cwd, "Dockerfile"), "utf8")).toBe(expected);
    await writeFile(path.join(cwd, "Dockerfile"), text);
    expect(await main(["fix", "--write"], captureIO({ cwd }))).toBe(0);
    expect(await main(["fix", "--write", "--unsafe-fixes"], captureIO({ cwd }))).toBe(0);
    expect(await readFile(path.join(cwd, "Dockerfile"), "utf8")).toBe(expected);
  });

  it("keeps CRLF line endings and shows a display-only skeleton without applying it", async () => {
    const cwd = await project(
      "FROM golang:1.22\r\nCOPY . .\r\nRUN go build -o /app .\r\nEXPOSE 8080\r\n",
    );
    const io = captureIO({ cwd });
    expect(await main(["fix", "--write"], io)).toBe(0);
    expect(await readFile(path.join(cwd, "Dockerfile"), "utf8")).toBe(
      "FROM golang:1.22\r\nCOPY . .\r\nRUN go build -o /app .\r\nEXPOSE 8080\r\n",
    );
    expect(io.err).toMatch(
      /suggestion for line 3 \(no-multi-stage, not applied: review and adapt by hand\): a multi-stage skeleton for go/,
    );
    expect(io.err).toContain("    FROM scratch\n");
    expect(io.err).toContain(
      "    COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n",
    );
  });

  it("--format json reports the run as data", async () => {
    const cwd = await project(BLOATED);
    const io = captureIO({ cwd });
    expect(await main(["fix", "--format", "json"], io)).toBe(1);
    expect(io.err).toBe("");
    const json = JSON.parse(io.out) as Record<string, unknown> & {
      applied: { rule: string }[];
      remaining: { rule: string; fix: { applicability: string } | null }[];
    };
    expect(json).toMatchObject({
      file: "Dockerfile",
      changed: true,
      written: false,
      passes: 1,
      converged: true,
      rejected: [],
    });
    expect(json.applied.map((a) => a.rule)).toEqual([
      "apt-no-install-recommends",
      "add-instead-of-copy",
    ]);
    expect(
      json.remaining.filter((f) => f.fix?.applicability === "unsafe").map((f) => f.rule),
    ).toEqual(["heavy-base-image", "consecutive-run"]);
    expect(json.diff).toMatch(/^--- a\/Dockerfile\n/);
  });

  it("respects ignore pragmas and --ignore", async () => {
    const cwd = await project(
      "FROM debian\n# hadolint ignore=DL3015\nRUN apt-get install -y a\nRUN pip install b\n",
    );
    const io = captureIO({ cwd });
    expect(await main(["fix", "--ignore", "pip-no-cache-dir"], io)).toBe(0);
    expect(io.out).toBe("");
  });

  it("reports a missing file as a usage error", async () => {
    const cwd = await project("FROM x\n");
    const io = captureIO({ cwd });
    expect(await main(["fix", "Nope.Dockerfile"], io)).toBe(2);
    expect(io.err).toMatch(/Nope\.Dockerfile: cannot read \(ENOENT\)/);
  });
});
