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

async function project(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), "ballast-multistage-cli-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

const GO =
  'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/hello .\nCMD ["/out/hello"]\n';

describe("ballast fix --multi-stage", () => {
  it("prints the conversion as a diff and names the fix group in the summary; --write writes it", async () => {
    const cwd = await project({ Dockerfile: GO, "go.mod": "module hello\n" });
    const io = captureIO({ cwd });
    expect(await main(["fix", "--multi-stage", "--no-config"], io)).toBe(1);
    expect(io.out).toMatch(/^\+FROM scratch$/m);
    expect(io.err).toMatch(
      /line 1: multi-stage: converted to a multi-stage build \(go, runtime scratch\) \[unsafe\]/,
    );
    expect(await readFile(path.join(cwd, "Dockerfile"), "utf8")).toBe(GO);
    const write = captureIO({ cwd });
    expect(await main(["fix", "--multi-stage", "--write", "--no-config"], write)).toBe(0);
    const written = await readFile(path.join(cwd, "Dockerfile"), "utf8");
    expect(written).toMatch(/^FROM golang:1\.22 AS build$/m);
    // Converted once: a second run finds a multi-stage file and leaves it.
    const again = captureIO({ cwd });
    expect(await main(["fix", "--multi-stage", "--write", "--no-config"], again)).toBe(0);
    expect(again.err).toMatch(/not converted to multi-stage: already a multi-stage build/);
    expect(await readFile(path.join(cwd, "Dockerfile"), "utf8")).toBe(written);
  });

  it("a refusal says why, leaves the file unchanged (safe fixes included) and exits 1", async () => {
    const text =
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc\nCOPY . .\nRUN make\nENTRYPOINT ["/src/run.sh"]\n';
    const cwd = await project({ Dockerfile: text });
    const io = captureIO({ cwd });
    expect(await main(["fix", "--multi-stage", "--write", "--no-config"], io)).toBe(1);
    expect(io.err).toMatch(
      /not converted to multi-stage: the image starts a shell script .*\(file left unchanged\)/,
    );
    expect(await readFile(path.join(cwd, "Dockerfile"), "utf8")).toBe(text);
  });

  it("--unsafe-fixes tries it too; a refusal there does not hold back the other fixes", async () => {
    const text = "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\n";
    const cwd = await project({ Dockerfile: text });
    const io = captureIO({ cwd });
    expect(await main(["fix", "--unsafe-fixes", "--no-config"], io)).toBe(1);
    expect(io.err).toMatch(/not converted to multi-stage: no build step found/);
    expect(io.out).toMatch(/^\+RUN apt-get update/m);
  });

  it("--base picks the runtime base; an unknown one and a bad --smoke are usage errors", async () => {
    const cwd = await project({ Dockerfile: GO });
    const json = captureIO({ cwd });
    expect(
      await main(
        ["fix", "--multi-stage", "--base", "distroless", "--format", "json", "--no-config"],
        json,
      ),
    ).toBe(1);
    const parsed = JSON.parse(json.out);
    expect(parsed.multiStage).toMatchObject({
      converted: true,
      language: "go",
      base: "gcr.io/distroless/static-debian12",
    });
    expect(parsed.applied[0]).toMatchObject({ rule: "multi-stage", applicability: "unsafe" });
    const bad = captureIO({ cwd });
    expect(await main(["fix", "--multi-stage", "--base", "alpine"], bad)).toBe(2);
    expect(bad.err).toMatch(/--base/);
    const smoke = captureIO({ cwd, env: { PATH: "/nonexistent" } });
    expect(
      await main(["fix", "--multi-stage", "--verify", "--smoke", "CMD", "--no-config"], smoke),
    ).toBe(2);
    expect(smoke.err.trim().split("\n").pop()).toMatch(/--smoke: expected a CMD instruction/);
  });
});
