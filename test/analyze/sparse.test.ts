import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { readLayer } from "../../src/tar/read-layer.js";
import { Readable } from "node:stream";
import { layerTar, writeOciLayout } from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-sparse-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A 5,000,006-byte file with data at 1,000,000 and at its end, holes elsewhere; a second
// sparse file with more regions than the old GNU header holds (extension blocks).
const src = join(tmp, "src");
mkdirSync(join(src, "opt"), { recursive: true });
const write = (file: string, size: number, at: [number, string][]) => {
  const path = join(src, file);
  execFileSync("truncate", ["-s", String(size), path]);
  for (const [offset, text] of at)
    execFileSync("dd", ["of=" + path, "bs=1", `seek=${offset}`, "conv=notrunc", "status=none"], {
      input: text,
    });
};
write("opt/sparse.bin", 5_000_006, [
  [1_000_000, "abc"],
  [5_000_000, "hello!"],
]);
write(
  "opt/many.bin",
  40 << 20,
  Array.from(
    { length: 30 },
    (_, i) => [Math.floor(i * (1 << 20) * 1.3), `region ${i}`] as [number, string],
  ),
);

/** GNU tar's archive of `src` in one sparse format, and the sizes `tar -tvf` lists. */
function gnuTar(format: string): { tar: Buffer; sizes: Map<string, number> } {
  const path = join(tmp, `${format}.tar`);
  const [fmt, version] = format.split(" ");
  const args = ["--sparse", `--format=${fmt}`, ...(version ? [`--sparse-version=${version}`] : [])];
  execFileSync("tar", [...args, "-C", src, "-cf", path, "opt"]);
  const sizes = new Map<string, number>();
  for (const line of execFileSync("tar", ["-tvf", path]).toString().trim().split("\n")) {
    const f = line.split(/\s+/);
    sizes.set(f[5], Number(f[2]));
  }
  return { tar: readFileSync(path), sizes };
}

describe.each(["gnu", "pax 0.0", "pax 0.1", "pax 1.0"])("GNU sparse files (%s)", (format) => {
  it("have their real size and name, as tar -tvf lists them, and their waste", async () => {
    const { tar, sizes } = gnuTar(format);
    expect(sizes.get("opt/sparse.bin")).toBe(5_000_006);
    const read = await readLayer(Readable.from([tar]));
    const files = read.entries.filter((e) => e.kind === "file");
    expect(files.map((e) => [e.path, e.size]).sort()).toEqual(
      [...sizes].filter(([p]) => !p.endsWith("/")).sort(),
    );
    const remove = await layerTar([{ name: "opt/.wh.sparse.bin", content: "" }]);
    const layout = writeOciLayout(join(tmp, format.replace(" ", "-")), [{ layers: [tar, remove] }]);
    for (const workers of [false, true]) {
      const r = await analyzeImage(await openImage(`oci:${layout}`), { workers });
      expect(r.size.uncompressed).toBe(5_000_006 + (40 << 20));
      expect(r.waste).toMatchObject({ deleted: 5_000_006 });
    }
  });
});

describe("sparse digests", () => {
  it("the same sparse file in every format: one digest; another file: another", async () => {
    const digests = new Set<string>();
    for (const format of ["gnu", "pax 0.0", "pax 0.1", "pax 1.0"]) {
      const read = await readLayer(Readable.from([gnuTar(format).tar]));
      const file = read.entries.find((e) => e.path === "opt/sparse.bin")!;
      digests.add(file.digest!);
      expect(read.entries.find((e) => e.path === "opt/many.bin")!.digest).not.toBe(file.digest);
    }
    expect(digests.size).toBe(1);
  });

  it("a truncated 1.0 map is one clear error", async () => {
    const { tar } = gnuTar("pax 1.0");
    const cut = Buffer.concat([tar.subarray(0, 1024 + 512 + 3), Buffer.alloc(0)]);
    writeFileSync(join(tmp, "cut.tar"), cut);
    await expect(readLayer(Readable.from([cut]))).rejects.toThrow(/truncated/);
  });
});
