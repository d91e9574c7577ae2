import { describe, expect, it } from "vitest";
import {
  dropEstargzMetadata,
  normalizeEntryPath,
  whiteoutOf,
  type LayerEntry,
} from "./layer-entry.js";

describe("normalizeEntryPath", () => {
  it.each([
    ["./usr/bin/", "usr/bin"],
    ["usr//lib/./x", "usr/lib/x"],
    ["./", ""],
    ["/", ""],
  ])("%s → %s", (name, path) => expect(normalizeEntryPath(name)).toBe(path));
  it.each(["../etc/passwd", "a/../../b", "/etc/passwd", "a/.."])("refuses %s", (name) =>
    expect(normalizeEntryPath(name)).toBeUndefined(),
  );
});

describe("whiteoutOf", () => {
  it("decodes file whiteouts, opaque markers and aufs bookkeeping", () => {
    expect(whiteoutOf("a/b/.wh.c")).toEqual({ kind: "whiteout", target: "a/b/c" });
    expect(whiteoutOf(".wh.top")).toEqual({ kind: "whiteout", target: "top" });
    expect(whiteoutOf("a/.wh..wh..opq")).toEqual({ kind: "opaque", target: "a" });
    expect(whiteoutOf(".wh..wh.plnk")).toBe("internal");
    expect(whiteoutOf("a/wh.c")).toBeUndefined();
  });
});

describe("dropEstargzMetadata", () => {
  const e = (path: string): LayerEntry => ({
    path,
    kind: "file",
    size: 1,
    mode: 0,
    uid: 0,
    gid: 0,
  });
  it("drops the TOC and landmarks only when the TOC is the last entry", () => {
    const list = [e(".prefetch.landmark"), e("README.md"), e("stargz.index.json")];
    expect(dropEstargzMetadata(list)).toBe(true);
    expect(list.map((x) => x.path)).toEqual(["README.md"]);
    const plain = [e("stargz.index.json"), e("README.md")];
    expect(dropEstargzMetadata(plain)).toBe(false);
    expect(plain).toHaveLength(2);
  });
});
