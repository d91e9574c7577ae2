import { describe, expect, it } from "vitest";
import { renderLayerText } from "../../src/report/layer-text.js";
import type { ImageReport } from "../../src/model/report.js";

describe("renderLayerText (analyze --layer N)", () => {
  it("keeps a layer's file names from reaching the terminal raw", () => {
    const layer = {
      index: 0,
      digest: "sha256:ab",
      createdBy: "RUN x\x1b[2J",
      size: 1,
      compressedSize: 1,
      visibleBytes: 0,
    };
    const text = renderLayerText(
      { layers: [layer] } as unknown as ImageReport,
      {
        layer: 0,
        added: [{ path: "/a\x1b[31mred", kind: "file", size: 1, mode: 0o644, uid: 0, gid: 0 }],
        modified: [],
        deleted: [{ path: "/b\x1b", size: 0, files: 0 }],
        opaque: [],
      },
      { color: false, width: 100, top: 10 },
    );
    expect(text).not.toContain("\x1b");
    expect(text).toContain("/a\\x1b[31mred");
  });
});
