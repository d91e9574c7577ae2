import { describe, expect, it } from "vitest";
import aptLists from "../../src/analysis/findings/leftover-apt-lists.js";
import pyc, { sourceOf } from "../../src/analysis/findings/leftover-python-bytecode.js";
import { detect, layer } from "./image.js";

const LISTS =
  "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4";

describe("leftover accounting (shared by every leftover detector)", () => {
  it("counts each layer's own bytes and names the instruction that wrote them", () => {
    const found = detect(aptLists, {
      layers: [
        layer({ "etc/hostname": "x" }),
        layer({
          [LISTS]: { size: 9000 },
          "var/lib/apt/lists/b_InRelease": { size: 1000 },
          "var/lib/apt/lists/lock": { size: 0 },
        }),
      ],
      history: ["debootstrap", "/bin/sh -c apt-get update"],
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: "leftover-apt-lists",
      severity: "warning",
      bytes: 10000,
      layer: 1,
      paths: ["/var/lib/apt/lists"],
    });
    expect(found[0].message).toBe(
      "apt package lists, 2 files. Add `&& rm -rf /var/lib/apt/lists/*` at the end of the RUN that ran `apt-get update`.",
    );
    expect(found[0].createdBy).toBe("/bin/sh -c apt-get update");
  });

  it("still counts files a later layer deletes, and says they still ship", () => {
    const found = detect(aptLists, {
      layers: [layer({ [LISTS]: { size: 5000 } }), layer({ [LISTS]: { kind: "whiteout" } })],
    });
    expect(found).toHaveLength(1);
    expect(found[0].bytes).toBe(5000);
    expect(found[0].message).toMatch(
      /a later layer deletes or replaces them, yet they still ship in this layer/,
    );
  });

  it("reports the part hidden by a later layer separately from the visible part", () => {
    const found = detect(aptLists, {
      layers: [
        layer({ [LISTS]: { size: 5000 }, "var/lib/apt/lists/keep": { size: 1000 } }),
        layer({ [LISTS]: { size: 7000 } }),
      ],
    });
    expect(found.map((f) => [f.layer, f.bytes])).toEqual([
      [0, 6000],
      [1, 7000],
    ]);
    expect(found[0].message).toContain(
      "5.00 kB of it is deleted or replaced by a later layer, yet still ships in this layer",
    );
    expect(found[1].message).not.toContain("later layer");
  });

  it("is silent when the lists were removed in the same layer (nothing in the tar)", () => {
    expect(
      detect(aptLists, {
        layers: [
          layer({
            "var/lib/apt/lists/": { kind: "dir" },
            "var/lib/apt/lists/partial/": { kind: "dir" },
          }),
        ],
      }),
    ).toEqual([]);
  });

  it("marks findings from base layers as origin base, and honours --base-layers", () => {
    const img = {
      layers: [layer({ [LISTS]: { size: 10 } }), layer({ [LISTS]: { size: 20 } })],
      history: [
        { created_by: "/bin/sh -c #(nop) ADD file:x in / " },
        { created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
        { created_by: "/bin/sh -c apt-get update" },
      ],
    };
    expect(detect(aptLists, img).map((f) => f.origin)).toEqual(["base", "user"]);
    expect(detect(aptLists, img, 0).map((f) => f.origin)).toEqual(["user", "user"]);
    expect(detect(aptLists, img, 2).map((f) => f.origin)).toEqual(["base", "base"]);
  });

  it("counts bytecode only where its .py source is in the final image", () => {
    const sp = "usr/local/lib/python3.12/site-packages";
    const found = detect(pyc, {
      layers: [
        layer({
          [`${sp}/a/__pycache__/x.cpython-312.pyc`]: { size: 10 },
          [`${sp}/a/x.py`]: { size: 3 },
          [`${sp}/b/__pycache__/y.cpython-312.pyc`]: { size: 20 }, // sourceless: needed
          [`${sp}/c/__pycache__/z.cpython-312.pyc`]: { size: 40 },
          [`${sp}/c/z.py`]: { size: 3 },
        }),
        layer({ [`${sp}/c/z.py`]: { kind: "whiteout" } }),
      ],
    });
    expect(found.map((f) => f.bytes)).toEqual([10]);
  });
  it.each([
    ["a/__pycache__/mod.cpython-311.pyc", "a/mod.py"],
    ["a/__pycache__/mod.cpython-311.opt-2.pyc", "a/mod.py"],
    ["__pycache__/mod.cpython-311.pyc", "mod.py"],
    ["a/mod.pyc", "a/mod.py"],
  ])("sourceOf(%s) = %s", (p, src) => {
    expect(sourceOf(p)).toBe(src);
  });
});
