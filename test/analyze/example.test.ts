import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LAYERS, writeExample } from "../../scripts/make-example.js";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-example-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const size = (name: string, layer: number) =>
  Buffer.from(LAYERS[layer].entries.find((e) => e.name === name)!.content!).length;

describe("the bundled example image", () => {
  it("is exactly what scripts/make-example.ts generates", async () => {
    await writeExample(join(tmp, "again.tar"));
    expect(
      readFileSync(join(tmp, "again.tar")).equals(readFileSync("examples/bloated-app.tar")),
    ).toBe(true);
  });

  it("shows waste, a duplicate and leftovers, with byte counts from the recipe itself", async () => {
    const r = await analyzeImage(await openImage("examples/bloated-app.tar"));
    const lists = "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_";
    // Deleted: the two apt lists whited out by layer 5.
    expect(r.waste.deleted).toBe(
      size(`${lists}main_binary-amd64_Packages`, 1) + size(`${lists}InRelease`, 1),
    );
    // Shadowed: pkgcache.bin (layer 1) and dpkg status (layer 0) rewritten by layer 2, the four app files rewritten by chown.
    const appFiles = [
      "app/app.py",
      "app/requirements.txt",
      "app/static/logo.png",
      "app/static/logo@1x.png",
    ];
    expect(r.waste.shadowed).toBe(
      size("var/cache/apt/pkgcache.bin", 1) +
        size("var/lib/dpkg/status", 0) +
        appFiles.reduce((s, f) => s + size(f, 3), 0),
    );
    expect(r.duplicates.bytes).toBe(size("app/static/logo.png", 3));
    expect(r.layerCount).toBe(7);
    expect(r.layers[6].createdBy).toMatch(/chown -R/);
  });
});
