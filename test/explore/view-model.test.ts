import { describe, expect, it } from "vitest";
import { screenText } from "../../src/explore/screen.js";
import { cursorNode, type ExploreState } from "../../src/explore/state.js";
import { nodePath } from "../../src/filetree/layer-tree.js";
import { parseKeys } from "../../src/explore/keys.js";
import { layer } from "../findings/image.js";
import { press, start } from "./fixture.js";

/** The file rows on screen: mark, size and name columns, trimmed (no borders). */
function fileRows(s: ExploreState): string[] {
  const lines = screenText(s);
  const col = lines[0].lastIndexOf("┌");
  const rows = lines.slice(2, -3).map((l) =>
    l
      .slice(col + 1, -1)
      .replace(/\s+/g, " ")
      .trim(),
  );
  return rows.filter(Boolean);
}

const at = (s: ExploreState) => nodePath(s.data.tree, cursorNode(s));

describe("explore view model (as text, no terminal)", () => {
  it("opens on the last layer, aggregated, top-level directories by size", () => {
    const s = start();
    expect(fileRows(s)).toEqual([
      "D 5.00 kB 5.00 kB ▸ var/",
      "1.21 kB 1.00 kB ▸ app/",
      "D 500 B 500 B ▸ tmp/",
      "150 B ▸ usr/",
      "4 B ▸ etc/",
    ]);
    const text = screenText(s);
    expect(text).toHaveLength(30);
    for (const line of text) expect(line).toHaveLength(100);
    expect(text.join("\n")).toMatch(/ 2 +300 B +10 B +RUN rm -rf/);
    expect(text.join("\n")).toContain("Command  RUN rm -rf /var/lib/apt/lists");
    expect(text.join("\n")).toContain("1/5 rows · 8 files · 6.86 kB");
  });

  it("expands all, and shows only what the selected layer changed", () => {
    let s = press(start(), "e");
    expect(fileRows(s)).toHaveLength(18);
    expect(fileRows(s)).toContain("A 10 B new.txt");
    s = press(s, "[", "a");
    expect(s.layer).toBe(1);
    expect(fileRows(s)).toEqual([
      "1.20 kB 1.00 kB ▾ app/",
      "M 1.20 kB 1.00 kB data.bin",
      "500 B 500 B ▾ tmp/",
      "500 B 500 B ▾ cache/",
      "A 300 B 300 B x",
      "A 200 B 200 B y",
      "50 B ▾ usr/",
      "50 B ▾ bin/",
      "A 50 B su",
    ]);
  });

  it("moves, pages, expands and collapses one directory", () => {
    let s = press(start(), "down");
    expect(at(s)).toBe("/app");
    s = press(s, "right");
    expect(fileRows(s)[2]).toBe("1.20 kB 1.00 kB data.bin");
    s = press(s, "right", "down");
    expect(at(s)).toBe("/app/new.txt");
    s = press(s, "left");
    expect(at(s)).toBe("/app");
    s = press(s, "enter");
    expect(fileRows(s)).toHaveLength(5);
    s = press(s, "end");
    expect(at(s)).toBe("/etc");
    s = press(s, "pageup");
    expect(at(s)).toBe("/var");
    s = press(s, "wheeldown");
    expect(at(s)).toBe("/usr");
  });

  it("filters by glob, by path glob and by regular expression", () => {
    let s = press(start(), "/", ..."*.bin", "enter");
    expect(fileRows(s)).toEqual(["1.20 kB 1.00 kB ▸ app/"]);
    s = press(s, "e");
    expect(fileRows(s)).toEqual(["1.20 kB 1.00 kB ▾ app/", "1.20 kB 1.00 kB data.bin"]);
    s = press(s, "/", "ctrl-u", ..."/usr/**", "enter");
    expect(fileRows(s).map((r) => r.split(" ").pop())).toEqual(["usr/", "bin/", "sh", "su"]);
    s = press(s, "/", "ctrl-u", ..."re:^/(etc|app)/[dh]", "enter");
    expect(fileRows(s).map((r) => r.split(" ").pop())).toEqual([
      "app/",
      "data.bin",
      "etc/",
      "hostname",
    ]);
    const bad = press(s, "/", "ctrl-u", ..."re:(", "enter");
    expect(screenText(bad).at(-1)).toMatch(/re:\(▏ +invalid regular expression/);
    expect(press(s, "x").filter).toBeUndefined();
  });

  it("shows only added, deleted or wasted files", () => {
    const s = press(start(), "e", "W");
    expect(fileRows(s).filter((r) => !r.includes("/"))).toEqual([
      "D 5.00 kB 5.00 kB big",
      "1.20 kB 1.00 kB data.bin",
      "D 300 B 300 B x",
      "D 200 B 200 B y",
    ]);
    const added = press(start(), "e", "A");
    // A directory's waste column counts its whole subtree, whatever the filter.
    expect(fileRows(added)).toEqual(["10 B 1.00 kB ▾ app/", "A 10 B new.txt"]);
  });

  it("sorts by name, and toggles the mode and owner columns", () => {
    const s = press(start(), "s");
    expect(fileRows(s).map((r) => r.split(" ").pop())).toEqual([
      "app/",
      "etc/",
      "tmp/",
      "usr/",
      "var/",
    ]);
    const attrs = press(start(120, 30), "e");
    expect(attrs.attributes).toBe(true);
    expect(screenText(attrs).join("\n")).toMatch(/-rwsr-xr-x +0:0 +su/);
    expect(screenText(attrs).join("\n")).toMatch(/-rw-r--r-- +1000:1000 +data.bin/);
    expect(screenText(press(attrs, "t")).join("\n")).not.toContain("1000:1000");
  });

  it("jumps from a wasted file to the layer that wrote it and the one that hid it", () => {
    let s = press(start(), "e");
    while (at(s) !== "/app/data.bin") s = press(s, "down");
    s = press(s, "w");
    expect(s.layer).toBe(0);
    expect(at(s)).toBe("/app/data.bin");
    expect(screenText(s).at(-1)).toMatch(
      /^\/app\/data\.bin: 1\.00 kB written by layer 0, hidden by layer 1/,
    );
    s = press(s, "H");
    expect(s.layer).toBe(1);
    expect(fileRows(s)).toContain("M 1.20 kB 1.00 kB data.bin");
    const clean = press(start(), "end", "w");
    expect(screenText(clean).at(-1)).toMatch(/^no wasted bytes here/);
  });

  it("switches layers from the layers pane, and opens a finding's layer", () => {
    let s = press(start(), "tab", "up", "up");
    expect(s.layer).toBe(0);
    expect(screenText(s).join("\n")).toContain("COPY base /");
    s = press(s, "enter");
    expect(s.focus).toBe("files");
    const finding = {
      rule: "leftover-apt-lists",
      severity: "warning" as const,
      message: "apt lists",
      layer: 0,
      paths: ["/var/lib/apt/lists/big"],
    };
    s = start();
    s = { ...s, data: { ...s.data, report: { ...s.data.report, findings: [finding] } } };
    s = press(s, "f");
    expect(s.layer).toBe(0);
    expect(at(s)).toBe("/var/lib/apt/lists/big");
    expect(screenText(s).at(-1)).toMatch(/^warning leftover-apt-lists: apt lists/);
  });

  it("has help, quits on q and Ctrl-C, and adapts to the terminal size", () => {
    const help = press(start(), "?");
    expect(screenText(help).join("\n")).toContain(
      "jump to the layer that wrote / hid the wasted bytes here",
    );
    expect(press(help, "j").help).toBe(false);
    expect(press(start(), "q").quit).toBe(true);
    expect(press(start(), "/", "ctrl-c").quit).toBe(true);
    const narrow = press(start(), { resize: [60, 20] });
    expect(screenText(narrow).every((l) => l.length === 60)).toBe(true);
    expect(screenText(narrow)[0]).toMatch(/^┌─ Files · L2/);
    expect(screenText(press(narrow, "tab"))[0]).toMatch(/^┌─ Layers/);
    expect(screenText(press(start(), { resize: [30, 6] }))[0]).toMatch(
      /^Terminal too small \(30×6\)/,
    );
  });

  it("escapes control characters in file names and instructions", () => {
    const s = press(
      start(100, 30, {
        layers: [layer({ "evil\x1b]0;x\x07": "a", "b\x1b[2J": "b" })],
        history: ["RUN \x1b[31mred"],
      }),
    );
    const text = screenText(s).join("\n");
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(text).toContain("evil\\x1b]0;x\\x07");
    expect(text).toContain("RUN \\x1b[31mred");
  });
});

describe("parseKeys", () => {
  it.each([
    ["\x1b[A\x1b[B\x1bOC\x1b[D", ["up", "down", "right", "left"]],
    ["\x1b[5~\x1b[6~\x1b[H\x1b[4~", ["pageup", "pagedown", "home", "end"]],
    ["\x1b[<64;10;5M\x1b[<65;10;5M\x1b[<0;1;1m", ["wheelup", "wheeldown"]],
    ["jk \r\t\x03\x7f", ["j", "k", "space", "enter", "tab", "ctrl-c", "backspace"]],
    ["\x1b", ["esc"]],
    ["\x1b[1;5A", ["up"]],
  ])("reads %j", (input, keys) => {
    expect(parseKeys(input)).toEqual(keys);
  });
});
