import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { mergeDockerignore } from "../../src/dockerignore/merge.js";
import { analyzeContext } from "../../src/dockerignore/run.js";

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

async function context(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "ballast-ctx-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

const NODE_APP = {
  Dockerfile:
    'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCOPY static/ /srv/static\nCMD ["node", "server.js"]\n',
  "package.json": "{}",
  "server.js": "x",
  ".git/HEAD": "ref: refs/heads/main\n",
  ".git/objects/pack": "p".repeat(5000),
  "node_modules/a/index.js": "m".repeat(3000),
  "src/node_modules/b.js": "n",
  ".env": "TOKEN=1\n",
  ".env.local": "TOKEN=2\n",
  ".env.example": "TOKEN=\n",
  "static/app.log": "kept: the Dockerfile copies static/\n",
  "debug.log": "l".repeat(100),
  "tests/a.test.js": "t",
  "coverage/lcov.info": "c",
  ".vscode/settings.json": "{}",
};

describe("dockerignore proposals", () => {
  it("proposes what exists and is sent, and nothing a COPY names", async () => {
    const dir = await context(NODE_APP);
    const a = await analyzeContext(dir);
    expect(a.proposals.map((p) => p.lines)).toEqual([
      [".git"],
      [".env"],
      // .env.example is a template meant to ship; `.env.*` alone would take it too.
      [".env.*", "!.env.example"],
      ["**/node_modules"],
      ["tests"],
      [".vscode"],
    ]);
    // The only .log outside static/ is at the root, but static/app.log is copied: **/*.log is refused as a whole.
    expect(a.skipped).toContainEqual({
      pattern: "**/*.log",
      group: "logs",
      why: "the Dockerfile copies static/ (line 6), which includes static/app.log",
    });
    expect(a.skipped.find((s) => s.pattern === "coverage")?.why).toMatch(/no RUN builds it/);
    expect(a.now.bytes - a.after.bytes).toBe(21 + 5000 + 3000 + 1 + 8 + 8 + 1 + 2);
  });

  it("refuses to undo the file's own ! exceptions and to drop tests a RUN runs", async () => {
    const dir = await context({
      Dockerfile: "FROM python:3.12-slim\nCOPY . /app\nRUN python -m pytest /app/tests\n",
      ".dockerignore": "# keep the docs index\ndocs\n!docs/index.md\n",
      "docs/index.md": "i",
      "tests/test_a.py": "t",
      "a/__pycache__/x.pyc": "c",
      "b/__pycache__/y.pyc": "c",
    });
    const a = await analyzeContext(dir);
    expect(a.skipped.find((s) => s.pattern === "tests")?.why).toBe("a RUN runs tests");
    expect(a.proposals.map((p) => p.lines[0])).toEqual(["**/__pycache__"]);
  });

  it("without a Dockerfile, proposes only what never belongs in an image", async () => {
    const dir = await context({ ".git/HEAD": "x", "tests/t": "t", "dist/a": "a", id_rsa: "k" });
    const a = await analyzeContext(dir);
    expect(a.dockerfile).toBeNull();
    expect(a.proposals.map((p) => p.lines[0])).toEqual([".git", "id_rsa"]);
  });
});

describe("mergeDockerignore", () => {
  const proposals = [
    {
      lines: [".git"],
      group: "vcs" as const,
      reason: "version control history",
      files: 1,
      bytes: 1,
      examples: [],
    },
    {
      lines: [".env", "!.env.example"],
      group: "secrets" as const,
      reason: "secrets",
      files: 1,
      bytes: 1,
      examples: [],
    },
  ];

  it("keeps the existing text byte for byte and appends one block", () => {
    expect(mergeDockerignore("# mine\r\n*.md\r\n!README.md", proposals)).toBe(
      "# mine\r\n*.md\r\n!README.md\r\n\r\n# Added by `ballast dockerignore`: not needed by the Dockerfile's COPY/ADD.\r\n# version control history\r\n.git\r\n# secrets\r\n.env\r\n!.env.example\r\n",
    );
  });

  it("creates a file when there is none, and changes nothing without proposals", () => {
    expect(mergeDockerignore(null, proposals.slice(0, 1))).toBe(
      "# Added by `ballast dockerignore`: not needed by the Dockerfile's COPY/ADD.\n# version control history\n.git\n",
    );
    expect(mergeDockerignore("a\n", [])).toBe("a\n");
  });
});

describe("ballast dockerignore", () => {
  it("prints without writing, --write merges, and a second run has nothing to add", async () => {
    const dir = await context({ ...NODE_APP, ".dockerignore": "# mine\n*.md\n" });
    const io = captureIO({ cwd: dir });
    expect(await main(["dockerignore"], io)).toBe(0);
    expect(io.out).toMatch(/^build context \.: 16 files/);
    expect(io.out).toMatch(/run with --write/);
    expect(await readFile(path.join(dir, ".dockerignore"), "utf8")).toBe("# mine\n*.md\n");
    expect(await main(["dockerignore", "--write"], captureIO({ cwd: dir }))).toBe(0);
    const written = await readFile(path.join(dir, ".dockerignore"), "utf8");
    expect(written.startsWith("# mine\n*.md\n\n# Added by")).toBe(true);
    expect(written).toContain("\n**/node_modules\n");
    const again = captureIO({ cwd: dir });
    expect(await main(["dockerignore", "--write"], again)).toBe(0);
    expect(again.out).toMatch(/nothing to add/);
    expect(await readFile(path.join(dir, ".dockerignore"), "utf8")).toBe(written);
  });

  it("warns about patterns builders read differently, and counts with the chosen builder's reading", async () => {
    const dir = await context({ ".dockerignore": "**foo\n", barfoo: "12345", foo: "1" });
    const docker = captureIO({ cwd: dir });
    expect(await main(["dockerignore"], docker)).toBe(0);
    expect(docker.out).toMatch(/^build context \.: 1 file, 6 B sent/);
    expect(docker.out).toMatch(
      /warning: .*\.dockerignore line 1: `\*\*foo` matches any path ending in "foo" with Docker\/BuildKit but only "foo" and "\.\.\.\/foo" with buildah\/podman/,
    );
    const buildah = captureIO({ cwd: dir });
    expect(await main(["dockerignore", "--builder", "buildah"], buildah)).toBe(0);
    expect(buildah.out).toMatch(/^build context \.: 2 files, 11 B sent/);
  });

  it("reports a broken .dockerignore as an input error naming the line", async () => {
    const dir = await context({ ".dockerignore": "ok\n!\n" });
    const io = captureIO({ cwd: dir });
    expect(await main(["dockerignore"], io)).toBe(2);
    expect(io.err).toMatch(/\.dockerignore: line 2: illegal exclusion pattern/);
  });
});
