import { describe, expect, it } from "vitest";
import { quoteServerText } from "../../src/sources/registry/error-text.js";

describe("quoteServerText", () => {
  it.each([
    ["plain words stay", "manifest unknown to us", [], "manifest unknown to us"],
    [
      "ESC sequences lose their control bytes",
      "\u001b]0;title\u0007\u001b[2Jhi",
      [],
      "]0;title [2Jhi",
    ],
    ["newlines cannot forge a second line", "a\r\nballast: ok\n", [], "a ballast: ok"],
    ["C1 controls and bidi overrides go", "a\u009bb\u202ec", [], "a b c"],
    [
      "known secrets become ***",
      "token abcd1234 for pw hunter22",
      ["abcd1234", "hunter22"],
      "token *** for pw ***",
    ],
    ["secrets shorter than 4 characters are not hunted", "a b", ["a"], "a b"],
  ])("%s", (_what, raw, secrets, expected) => {
    expect(quoteServerText(raw, secrets)).toBe(expected);
  });

  it("cuts at 200 characters, marking the cut", () => {
    const text = quoteServerText("x".repeat(5000));
    expect(text).toBe(`${"x".repeat(200)}…`);
  });
});
