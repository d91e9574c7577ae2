import { describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { createProgress, formatBytes, progressEnabled } from "../../src/cli/progress.js";

describe("progress on stderr", () => {
  it("draws only on a terminal, and never with --quiet or in CI", () => {
    expect(progressEnabled(captureIO({ stderrIsTTY: true }), false)).toBe(true);
    expect(progressEnabled(captureIO({ stderrIsTTY: false }), false)).toBe(false);
    expect(progressEnabled(captureIO({ stderrIsTTY: true }), true)).toBe(false);
    expect(progressEnabled(captureIO({ stderrIsTTY: true, env: { CI: "true" } }), false)).toBe(
      false,
    );
    expect(progressEnabled(captureIO({ stderrIsTTY: true, env: { CI: "false" } }), false)).toBe(
      true,
    );
  });

  it("writes nothing at all when disabled", () => {
    const io = captureIO({ stderrIsTTY: false });
    const p = createProgress(io, false);
    p.begin([10, 20]);
    p.onLayerBytes(0, 10);
    p.onLayerDone(0);
    p.end();
    expect(io.err + io.out).toBe("");
  });

  it("counts layers and bytes, throttles redraws, and clears its line at the end", () => {
    const io = captureIO({ stderrIsTTY: true });
    let t = 0;
    const p = createProgress(io, false, () => t);
    p.begin([1024 * 1024, 1024 * 1024]);
    for (let i = 0; i < 100; i++) p.onLayerBytes(0, 10_000); // same instant: throttled
    t = 1000;
    p.onLayerBytes(0, 48_576);
    p.onLayerDone(0);
    p.end();
    const frames = io.err.split("\r\x1b[2K").filter(Boolean);
    expect(frames).toEqual([
      "reading layers  0/2  0 B / 2.0 MiB",
      "reading layers  0/2  1.0 MiB / 2.0 MiB",
      "reading layers  1/2  1.0 MiB / 2.0 MiB",
    ]);
    expect(io.err.endsWith("\r\x1b[2K")).toBe(true);
    expect(io.out).toBe("");
  });

  it("formats binary units", () => {
    expect([0, 1023, 1536, 5 * 1024 ** 3].map(formatBytes)).toEqual([
      "0 B",
      "1023 B",
      "1.5 KiB",
      "5.0 GiB",
    ]);
  });
});
