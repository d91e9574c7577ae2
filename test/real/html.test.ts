import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { fixture, FIXTURES_DIR } from "./fixtures.js";
import { launch, openReport, screenshot } from "./browser.js";
import {
  dockerLayerFileBytes,
  ociCompressedBytes,
  ociLayerSizes,
  unpackedBytes,
} from "./diff-oracle.js";

const out = mkdtempSync(join(tmpdir(), "ballast-html-"));

async function report(args: string[], file: string): Promise<string> {
  const io = captureIO();
  const code = await main([...args, "--format", "html", "-o", join(out, file)], io);
  expect([0, 1]).toContain(code);
  return join(out, file);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const BAR_WIDTH = 720;

describe("HTML report in headless Chromium", () => {
  it("scratch fixture: renders offline, treemap and layer bars carry the hand-counted bytes", async () => {
    const file = await report(["analyze", fixture("scratch.oci.tar")], "scratch.html");
    const { page, problems, requests } = await openReport(browser, file);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    // make-fixtures.sh: hello.txt "hello from scratch\n" (19 B), etc/motd "fixture\n" (8 B),
    // copy-of-hello.txt (19 B): 46 bytes in 3 files; layer 0 writes 27, layer 1 writes 19.
    const cells = await page.$$eval("#treemap g.cell", (gs) =>
      gs.map((g) => ({
        bytes: Number(g.getAttribute("data-bytes")),
        title: g.querySelector("title")?.textContent ?? "",
      })),
    );
    const byTitle = (name: string) => cells.find((c) => c.title.startsWith(name))?.bytes;
    expect(byTitle("/hello.txt")).toBe(19);
    expect(byTitle("/copy-of-hello.txt")).toBe(19);
    expect(byTitle("/etc/ ")).toBe(8);
    const bars = await page.$$eval("#layer-chart rect.bar", (rs) =>
      rs.map((r) => ({
        cls: r.getAttribute("class"),
        bytes: Number(r.getAttribute("data-bytes")),
        width: (r as unknown as { getBBox(): { width: number } }).getBBox().width,
      })),
    );
    const compressed = ociLayerSizes(fixture("scratch.oci.tar"));
    const max = Math.max(27, 19, ...compressed);
    expect(bars.filter((b) => b.cls === "bar uncompressed").map((b) => b.bytes)).toEqual([27, 19]);
    expect(bars.filter((b) => b.cls === "bar compressed").map((b) => b.bytes)).toEqual(compressed);
    for (const b of bars) expect(b.width).toBeCloseTo((b.bytes / max) * BAR_WIDTH, 0);
    await screenshot(page, "html-scratch.png");
  });

  it("slim fixture: treemap /usr/ holds the bytes umoci unpacks; layer bars match the manifest and tar listings; zoom works", async () => {
    const file = await report(["analyze", fixture("slim.oci.tar"), "--cost"], "slim.html");
    const { page, problems, requests } = await openReport(browser, file);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    const usr = await page.getAttribute('#treemap g.dir[data-path="/usr/"]', "data-bytes");
    expect(Number(usr)).toBe(unpackedBytes(`${FIXTURES_DIR}/oci-layout`, "slim", "/usr"));
    // Bigger directories get bigger rectangles.
    const tops = await page.$$eval("#treemap g.cell", (gs) =>
      gs
        .filter((g) =>
          /^\/[^/]+\/?$/.test(
            g.getAttribute("data-path") ??
              g.querySelector("title")?.textContent?.split(" ")[0] ??
              "",
          ),
        )
        .map((g) => {
          const r = g.querySelector("rect")!;
          return {
            bytes: Number(g.getAttribute("data-bytes")),
            area: Number(r.getAttribute("width")) * Number(r.getAttribute("height")),
          };
        }),
    );
    const sorted = [...tops]
      .sort((a, b) => b.bytes - a.bytes)
      .filter((t) => t.bytes > 0.05 * tops.reduce((s, x) => s + x.bytes, 0));
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].area).toBeLessThan(sorted[i - 1].area);
    const compressed = ociLayerSizes(fixture("slim.oci.tar"));
    const uncompressed = dockerLayerFileBytes(fixture("slim.docker.tar"));
    const bars = await page.$$eval("#layer-chart rect.bar", (rs) =>
      rs.map((r) => ({
        cls: r.getAttribute("class"),
        bytes: Number(r.getAttribute("data-bytes")),
        width: (r as unknown as { getBBox(): { width: number } }).getBBox().width,
      })),
    );
    expect(bars.filter((b) => b.cls === "bar compressed").map((b) => b.bytes)).toEqual(compressed);
    expect(bars.filter((b) => b.cls === "bar uncompressed").map((b) => b.bytes)).toEqual(
      uncompressed,
    );
    const max = Math.max(...compressed, ...uncompressed);
    for (const b of bars) expect(b.width).toBeCloseTo((b.bytes / max) * BAR_WIDTH, 0);
    expect(await page.locator("#layer-chart text.instr").first().textContent()).toContain(
      "debootstrap",
    );
    expect(await page.locator("#cost").textContent()).toContain("pull time");
    await screenshot(page, "html-slim.png");

    await page.click('#treemap g.dir[data-path="/usr/"]', { position: { x: 4, y: 6 } });
    expect(await page.getAttribute("#treemap", "data-root")).toBe("/usr/");
    expect(await page.locator('#treemap g.dir[data-path="/usr/lib/"]').count()).toBe(1);
    expect(await page.locator("#treemap-path button").allTextContents()).toEqual(["/", "usr/"]);
    await screenshot(page, "html-slim-zoom-usr.png");
    await page.keyboard.press("Escape");
    expect(await page.getAttribute("#treemap", "data-root")).toBe("/");
    expect(problems).toEqual([]);
  });

  it("diff bloated → slim: before/after bars from the manifests, removed paths filterable", async () => {
    const file = await report(
      ["diff", fixture("bloated.oci.tar"), fixture("slim.oci.tar")],
      "diff.html",
    );
    const { page, problems, requests } = await openReport(browser, file);
    const bars = await page.$$eval('#before-after-chart g[data-metric="compressed"] rect', (rs) =>
      rs.map((r) => Number(r.getAttribute("data-bytes"))),
    );
    expect(bars).toEqual([
      ociCompressedBytes(fixture("bloated.oci.tar")),
      ociCompressedBytes(fixture("slim.oci.tar")),
    ]);
    expect(await page.locator("#package-table tbody tr").count()).toBeGreaterThan(0);
    await page.fill('input[data-filter="removed-table"]', "pkgcache");
    const visible = await page.$$eval("#removed-table tbody tr", (rows) =>
      rows
        .filter((r) => !(r as unknown as { hidden: boolean }).hidden)
        .map((r) => r.textContent ?? ""),
    );
    expect(visible.length).toBeGreaterThan(0);
    for (const row of visible) expect(row).toContain("pkgcache");
    await screenshot(page, "html-diff.png");
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("the harness can fail: a tampered page shows CSP violations and the attempted request", async () => {
    // Guard against a harness that could never fail: tamper with a report and expect a CSP error.
    const html = readFileSync(
      await report(["analyze", fixture("scratch.oci.tar")], "tamper-src.html"),
      "utf8",
    );
    const tampered = join(out, "tampered.html");
    writeFileSync(
      tampered,
      html.replace(
        "</body>",
        '<script>console.log("injected")</script><img src="http://127.0.0.1:9/x.png"></body>',
      ),
    );
    const { problems, requests } = await openReport(browser, tampered);
    expect(problems.some((p) => /Content Security Policy/i.test(p))).toBe(true);
    // The attempt is seen (so a real report that tried would fail above) and CSP refused it.
    expect(requests).toEqual(["http://127.0.0.1:9/x.png"]);
    expect(
      problems.some((p) => /Loading the image 'http:\/\/127\.0\.0\.1:9\/x\.png' violates/.test(p)),
    ).toBe(true);
  });
});
