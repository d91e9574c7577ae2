import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { scanImage } from "../../src/analysis/scan.js";
import { buildReport } from "../../src/analysis/analyze.js";
import { sizeTree } from "../../src/analysis/size-tree.js";
import { estimateCost } from "../../src/analysis/cost.js";
import { renderHtml } from "../../src/report/html.js";
import { CHART } from "../../src/report/html/sections.js";
import { jsonForScript } from "../../src/report/html/page.js";
import { diveFixture } from "./dive-fixtures.js";
import { makeReport } from "./report-fixture.js";

async function diveHtml() {
  const image = await openImage(diveFixture("test-docker-image.tar"));
  const scan = await scanImage(image);
  await image.close();
  const report = buildReport(scan);
  return {
    report,
    tree: sizeTree(scan.tree.root),
    html: renderHtml(report, {
      top: 20,
      tree: sizeTree(scan.tree.root),
      cost: estimateCost({ compressedBytes: report.size.compressed }),
    }),
  };
}

const b64 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

describe("renderHtml", () => {
  it("pins its only style and script by hash and allows nothing else", async () => {
    const { html } = await diveHtml();
    const csp =
      /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? "";
    expect(csp).toMatch(/^default-src 'none'; /);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    expect(csp).toContain(`style-src 'sha256-${b64(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${b64(script)}'`);
    expect(csp).not.toContain("unsafe");
    // Nothing that could make a request: no URLs in src/href, no external stylesheet or font.
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it("dive's image: treemap cells carry the bytes of each directory", async () => {
    const { html, tree } = await diveHtml();
    expect(tree.size).toBe(1188573); // visible bytes, dive fixture README
    const cell = (path: string) =>
      Number(new RegExp(`data-path="${path}" data-bytes="(\\d+)"`).exec(html)?.[1]);
    const root = tree.children!.find((c) => c.name === "root")!;
    expect(cell("/root/")).toBe(root.size);
    expect(cell("/bin/")).toBe(tree.children!.find((c) => c.name === "bin")!.size);
  });

  it("layer bars are bytes / largest layer × the bar width", async () => {
    const { html, report } = await diveHtml();
    const max = Math.max(...report.layers.map((l) => Math.max(l.compressedSize, l.size)));
    for (const l of report.layers) {
      const row = new RegExp(
        `data-layer="${l.index}">[\\s\\S]*?class="bar uncompressed"[^>]*width="([\\d.]+)"`,
      ).exec(html);
      expect(Number(row?.[1])).toBeCloseTo((l.size / max) * CHART.barWidth, 0);
    }
  });

  it("a hostile path or instruction stays text", () => {
    const evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
    const report = makeReport({
      layers: [[10, 10, `RUN echo ${evil}`]],
      waste: [{ path: `/tmp/${evil}`, size: 5, layer: 0, hiddenBy: 0, createdBy: evil }],
    });
    const html = renderHtml(report, {
      top: 5,
      tree: { name: "/", size: 5, files: 1, children: [{ name: evil, size: 5, files: 1 }] },
    });
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain("<img");
    expect(jsonForScript({ a: evil })).not.toContain("<");
  });
});
