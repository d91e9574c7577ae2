import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { diveFixture } from "./dive-fixtures.js";

const DOCKER = diveFixture("test-docker-image.tar");
const run = async (args: string[], cwd = mkdtempSync(join(tmpdir(), "ballast-an-"))) => {
  const io = captureIO({ cwd });
  const code = await main(["analyze", DOCKER, ...args], io);
  return { code, out: io.out, err: io.err, cwd };
};

describe("analyze --format markdown|sarif|html, --cost, --ci", () => {
  it("markdown: summary table and findings for a PR comment", async () => {
    const r = await run(["--format", "markdown"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^### Image `docker-archive:/);
    expect(r.out).toContain("| compressed |");
    expect(r.out).toContain("<details><summary>Layers (14)</summary>");
  });

  it("sarif: valid JSON pointing at ./Dockerfile when present", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "ballast-an-"));
    writeFileSync(join(cwd, "Dockerfile"), "FROM busybox:latest\nADD README.md /somefile.txt\n");
    const r = await run(["--format", "sarif"], cwd);
    const log = JSON.parse(r.out);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(
      log.runs[0].results.every(
        (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          x.locations[0].physicalLocation.artifactLocation.uri === "Dockerfile",
      ),
    ).toBe(true);
    const missing = await run(["--format", "sarif", "--source-dockerfile", "nope/Dockerfile"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("--source-dockerfile nope/Dockerfile: no such file");
  });

  it("html to a file with -o; stdout stays empty", async () => {
    const r = await run(["--format", "html", "-o", "report.html"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    const html = readFileSync(join(r.cwd, "report.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('id="treemap"');
    // The cost panel is there without --cost, on the documented defaults.
    expect(html).toContain('<section id="cost">');
    expect(html).toContain("10 tags retained at $0.10/GB-month");
  });

  it("--cost adds the estimate; json carries it under `cost`", async () => {
    const text = await run(["--cost", "--nodes", "2"]);
    expect(text.out).toMatch(/Cost {2}10 tags retained at \$0\.10\/GB-month; 2 nodes × 20 deploys/);
    const json = JSON.parse(
      (
        await run([
          "--format",
          "json",
          "--cost",
          "--deploys",
          "1",
          "--nodes",
          "1",
          "--egress-price",
          "1",
        ])
      ).out,
    );
    // The base layer is on the node already: egress is the user layers' compressed bytes.
    const base = json.base?.baseLayers ?? 0;
    const user = json.layers
      .slice(base)
      .reduce((s: number, l: { compressedSize: number }) => s + l.compressedSize, 0);
    expect(json.cost.egress.bytesPerMonth).toBe(user);
  });

  it("--ci exits 1 on a failed gate, 2 on a misconfigured one, before reading the image", async () => {
    const fail = await run(["--ci"]);
    expect(fail.code).toBe(1);
    expect(fail.out).toContain("Result:FAIL");
    const ok = await run(["--ci", "--highest-user-wasted-percent", "0.5", "--format", "json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).ci).toMatchObject({ pass: true });
    const bad = await run(["--ci", "--lowest-efficiency", "1.1"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      "lowestEfficiency: value is outside the allowed range (0-1), given '1.1'",
    );
  });
});
