import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { launch, openReport, screenshot } from "./browser.js";

const EXAMPLE = new URL("../../examples/bloated-app.tar", import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), "ballast-html-walk-"));
let browser: Browser;
let file: string;

beforeAll(async () => {
  browser = await launch();
  file = join(out, "example.html");
  const code = await main(["analyze", EXAMPLE, "--format", "html", "-o", file], captureIO());
  expect([0, 1]).toContain(code);
});
afterAll(async () => {
  await browser?.close();
});

/** Chart and treemap text as rendered: font size × the SVG's scale, in CSS pixels. */
const smallestText = (page: Page) =>
  page.$$eval("#treemap text, #layer-chart text", (texts) => {
    /* eslint-disable @typescript-eslint/no-explicit-any */
    let min = Infinity;
    for (const t of texts as any[]) {
      const svg = t.ownerSVGElement;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      min = Math.min(min, parseFloat((globalThis as any).getComputedStyle(t).fontSize) * scale);
    }
    return min;
  });

describe("HTML report: the walk through the layers, in headless Chromium", () => {
  it.each([1400, 390])(
    "is readable at %i px: no horizontal overflow, chart text ≥ 11 px, offline",
    async (width) => {
      const { page, problems, requests } = await openReport(browser, file);
      await page.setViewportSize({ width, height: 900 });
      await page.reload({ waitUntil: "load" });
      const scrollWidth = await page.$eval(
        "html",
        (h) => (h as unknown as { scrollWidth: number }).scrollWidth,
      );
      expect(scrollWidth).toBeLessThanOrEqual(width);
      expect(await smallestText(page)).toBeGreaterThanOrEqual(11);
      await screenshot(page, `html-walk-${width}.png`);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    },
  );

  it("clicking a layer shows the files it wrote in the treemap and its table", async () => {
    const { page, problems } = await openReport(browser, file);
    await page.click('#layer-chart g.layer[data-layer="1"]');
    expect(await page.textContent("#treemap-title")).toBe(
      "Layer 1: the files it added or modified",
    );
    // RUN apt-get update wrote three files under /var (Python tarfile over the layer blob):
    // 555,717 + 13,098 + 163,840 bytes.
    expect(Number(await page.getAttribute('#treemap g.dir[data-path="/var/"]', "data-bytes"))).toBe(
      732655,
    );
    expect(await page.$$eval("#treemap g.cell", (gs) => gs.length)).toBeGreaterThan(2);
    expect(await page.getAttribute("#layer-1", "open")).toBe("");
    const rows = await page.$$eval("#layer-1 tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
    );
    expect(rows).toEqual([
      [
        "A",
        "556 kB",
        "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages",
        "#5",
      ],
      ["A", "164 kB", "/var/cache/apt/pkgcache.bin", "#2"],
      ["A", "13.1 kB", "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", "#5"],
    ]);
    await page.click('#layer-picker [data-layer="final"]');
    expect(await page.textContent("#treemap-title")).toBe("Final filesystem");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("colours the treemap by waste or by layer", async () => {
    const { page } = await openReport(browser, file);
    await page.click('#treemap-colour [data-colour="waste"]');
    const fills = await page.$$eval("#treemap g.cell", (gs) =>
      gs.map((g) => ({
        waste: Number(g.getAttribute("data-waste") ?? 0),
        fill: g.querySelector("rect")!.getAttribute("fill")!,
      })),
    );
    expect(fills.filter((f) => f.waste > 0).every((f) => f.fill.startsWith("hsl(2 "))).toBe(true);
    expect(fills.filter((f) => f.waste === 0).every((f) => f.fill.startsWith("hsl(210 "))).toBe(
      true,
    );
    // /app/ holds the files chown -R (layer 6) rewrote: their first copies are waste.
    expect(fills.some((f) => f.waste > 0)).toBe(true);
    await page.click('#treemap-colour [data-colour="layer"]');
    const layers = await page.$$eval(
      "#treemap g.cell[data-layer]",
      (gs) => new Set(gs.map((g) => g.getAttribute("data-layer"))).size,
    );
    expect(layers).toBeGreaterThan(1);
    await page.close();
  });

  it("reaches treemap cells and layers from the keyboard", async () => {
    const { page } = await openReport(browser, file);
    await page.focus('#treemap g.dir[data-path="/usr/"]');
    await page.keyboard.press("Enter");
    expect(await page.getAttribute("#treemap", "data-root")).toBe("/usr/");
    await page.keyboard.press("Escape");
    expect(await page.getAttribute("#treemap", "data-root")).toBe("/");
    expect(
      await page.$$eval("#treemap g.cell", (gs) =>
        gs.every((g) => g.getAttribute("tabindex") === "0"),
      ),
    ).toBe(true);
    await page.focus('#layer-chart g.layer[data-layer="3"]');
    await page.keyboard.press("Enter");
    expect(await page.textContent("#treemap-title")).toBe(
      "Layer 3: the files it added or modified",
    );
    await page.close();
  });
});
