import { describe, expect, it } from "vitest";
import { relative } from "../../src/report/delta-format.js";

describe("relative", () => {
  it.each([
    [{ before: 1000, after: 438, delta: -562 }, " (-56.2 %)"],
    [{ before: 100, after: 150, delta: 50 }, " (+50.0 %)"],
    [{ before: 100, after: 999, delta: 899 }, " (+899.0 %)"],
    [{ before: 354, after: 68_499_550, delta: 68_499_196 }, " (×193,502)"],
    [{ before: 0, after: 5, delta: 5 }, ""],
  ])("%j → %j", (x, text) => expect(relative(x)).toBe(text));
});
