import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { capturedPath } from "../../src/analysis/findings/index.js";
import { layerTar, sha256, writeOciLayout } from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-workers-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("reading layers in worker threads", () => {
  it("gives exactly the in-process result, captured contents included", async () => {
    const inProcess = await analyzeImage(await openImage("examples/bloated-app.tar"), {
      workers: false,
      capture: capturedPath,
    });
    const threaded = await analyzeImage(await openImage("examples/bloated-app.tar"), {
      workers: true,
      capture: capturedPath,
    });
    expect(threaded).toEqual(inProcess);
  });

  it("reports a layer's diff ID mismatch from the worker as the same one-line error", async () => {
    const tar = await layerTar([{ name: "a", content: "x" }]);
    const layout = writeOciLayout(join(tmp, "bad"), [
      { layers: [tar, tar], diffIds: [sha256(tar), sha256("other")] },
    ]);
    await expect(analyzeImage(await openImage(`oci:${layout}`), { workers: true })).rejects.toThrow(
      /reading layer 1 .*does not match its diff ID/,
    );
  });
});
