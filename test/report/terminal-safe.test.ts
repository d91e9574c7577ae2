import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { terminalSafe, terminalText } from "../../src/model/terminal-text.js";
import { layerTar, writeOciLayout } from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-term-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** What an attacker puts in names: retitle the window, clear the screen, hide text, forge a line. */
const EVIL = "\x1b]0;pwned\x07\x1b[2J\x1b[8m\rOK\n\u202e";

/** Every ESC in `text` starts one of ballast's own colour codes, and nothing else is a control. */
function onlyOwnColours(text: string): void {
  const stripped = text.replace(/\x1b\[[0-9;]*m/g, "");
  expect(stripped).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
  expect(text).not.toContain("\x1b[8m");
}

async function evilImage(): Promise<string> {
  const big = "x".repeat(5000);
  const base = await layerTar([
    { name: `app${EVIL}.bin`, content: big },
    { name: `dup${EVIL}`, content: big },
  ]);
  const top = await layerTar([{ name: `app${EVIL}.bin`, content: "y" }]);
  return writeOciLayout(join(tmp, "evil"), [
    {
      layers: [base, top],
      history: [{ created_by: `/bin/sh -c echo ${EVIL}` }, { created_by: `RUN ${EVIL}` }],
      env: [`TOKEN=${EVIL}`],
    },
  ]);
}

async function run(argv: string[], tty: boolean) {
  const io = captureIO({ stdoutIsTTY: tty, stderrIsTTY: false });
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

describe("control characters from an image never reach the terminal raw", () => {
  it.each([false, true])("analyze text report (colour: %s)", async (tty) => {
    const layout = await evilImage();
    const { out, err } = await run(["analyze", `oci:${layout}`], tty);
    expect(out).toContain("\\x1b]0;pwned\\x07"); // shown, escaped
    onlyOwnColours(out);
    onlyOwnColours(err);
  });

  it("analyze --dockerfile keeps its lines but escapes the rest", async () => {
    const layout = await evilImage();
    const { out } = await run(["analyze", "--dockerfile", `oci:${layout}`], false);
    expect(out.split("\n").length).toBeGreaterThan(2);
    onlyOwnColours(out);
  });

  it("diff text", async () => {
    const layout = await evilImage();
    const other = writeOciLayout(join(tmp, "plain"), [
      { layers: [await layerTar([{ name: "a", content: "1" }])] },
    ]);
    const { out, err } = await run(["diff", `oci:${other}`, `oci:${layout}`], true);
    expect(out).toContain("\\x1b");
    onlyOwnColours(out);
    onlyOwnColours(err);
  });

  it("errors printed by the CLI", async () => {
    const bad = await layerTar([{ name: `../${EVIL}`, content: "x" }]);
    const layout = writeOciLayout(join(tmp, "bad"), [{ layers: [bad] }]);
    const { code, err } = await run(["analyze", `oci:${layout}`], false);
    expect(code).toBe(2);
    expect(err).toMatch(/escapes the image root/);
    expect(err.trimEnd().split("\n")).toHaveLength(1);
    onlyOwnColours(err);
  });
});

describe("terminalText and terminalSafe", () => {
  it("escape C0, DEL, C1 and bidi controls, and keep printable text", () => {
    expect(terminalText("a\x1bb\x7fc\x9bd\u202ee\tf\ng")).toBe(
      "a\\x1bb\\x7fc\\x9bd\\u202ee\\tf\\ng",
    );
    expect(terminalText("naïve ☃ 日本")).toBe("naïve ☃ 日本");
  });

  it("copy nested data with safe strings and keys, leaving the original alone", () => {
    const data = { a: ["\x1b[2J", { "k\x07": "v\r" }], n: 3 };
    expect(terminalSafe(data)).toEqual({ a: ["\\x1b[2J", { "k\\x07": "v\\r" }], n: 3 });
    expect(data.a[0]).toBe("\x1b[2J");
  });

  it("does not recurse: 100,000 levels of nesting", () => {
    let deep: unknown = "\x1b";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let out = terminalSafe(deep);
    for (let i = 0; i < 100_000; i++) out = (out as unknown[])[0];
    expect(out).toBe("\\x1b");
  });
});

describe("lint text", () => {
  it("escapes control characters in file names and messages", async () => {
    const { renderLintText } = await import("../../src/report/lint-text.js");
    const out = renderLintText(
      [
        {
          rule: "r",
          severity: "error",
          message: `uses ${EVIL}`,
          file: `Docker${EVIL}file`,
          line: 1,
        },
      ],
      { files: ["Dockerfile"], color: true } as Parameters<typeof renderLintText>[1],
    );
    expect(out).toContain("\\x1b]0;pwned");
    onlyOwnColours(out);
  });
});
