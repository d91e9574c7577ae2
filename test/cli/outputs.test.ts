import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";

const EXAMPLE = new URL("../../examples/bloated-app.tar", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "ballast-outputs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

describe("one analysis, several outputs (--output-FORMAT)", () => {
  it("writes markdown, JSON, SARIF, HTML and JUnit from the same run, gate included", async () => {
    const f = (name: string) => join(tmp, name);
    const { code, err } = await run(
      "analyze",
      EXAMPLE,
      "--ci",
      "--max-compressed-size",
      "1MB",
      "--format",
      "markdown",
      "-o",
      f("summary.md"),
      "--output-json",
      f("report.json"),
      "--output-sarif",
      f("report.sarif"),
      "--output-html",
      f("report.html"),
      "--junit",
      f("junit.xml"),
    );
    // The example is 3.2 MB compressed: the 1 MB gate fails, which is exit 1, not 2.
    expect(code, err).toBe(1);
    const json = JSON.parse(readFileSync(f("report.json"), "utf8"));
    expect(json.ci.pass).toBe(false);
    expect(json.ci.results.some((r: { pass: boolean }) => !r.pass)).toBe(true);
    expect(JSON.parse(readFileSync(f("report.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(f("report.html"), "utf8")).toMatch(/^<!doctype html>/i);
    expect(readFileSync(f("summary.md"), "utf8")).toMatch(/^#/m);
    expect(readFileSync(f("junit.xml"), "utf8")).toMatch(/<testsuites?[ >]/);
    // Every file written is named on stderr, nothing else is printed there but progress.
    for (const name of ["summary.md", "report.json", "report.sarif", "report.html", "junit.xml"])
      expect(err).toContain(f(name));
  });

  it("-o into a directory that does not exist is a one-line error, exit 2", async () => {
    const missing = join(tmp, "no/such/dir/report.json");
    const { code, err, out } = await run("analyze", EXAMPLE, "-f", "json", "-o", missing);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/no\/such\/dir.*does not exist/);
    expect(existsSync(join(tmp, "no"))).toBe(false);
  });

  it("--output-json into a missing directory fails the same way, before the image is read", async () => {
    const t0 = performance.now();
    const { code, err } = await run("analyze", EXAMPLE, "--output-json", join(tmp, "x/y.json"));
    expect(code).toBe(2);
    expect(err).toMatch(/--output-json .*x.*does not exist/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe("ballast rule with an id that does not exist", () => {
  it("suggests the nearest rule and detector ids (apt-list)", async () => {
    const { code, err } = await run("rule", "apt-list");
    expect(code).toBe(2);
    expect(err).toMatch(
      /unknown rule "apt-list" \(did you mean "apt-lists-not-removed" or "leftover-apt-lists"\?\)/,
    );
  });

  it("a typo within a few edits, and nothing near falls back to the list", async () => {
    expect((await run("rule", "apk-no-cahce")).err).toMatch(/did you mean "apk-no-cache"/);
    expect((await run("rule", "zzzzzzzzzzzz")).err).toMatch(/run `ballast rules` for the list/);
  });
});
