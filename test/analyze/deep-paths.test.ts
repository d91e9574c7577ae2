import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { layerTar, writeOciLayout } from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-deep-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A tar header block (ustar fields, checksum filled in). */
function header(name: string, size: number, type: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 99), 0);
  h.write("0000644\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  h.write("00000000000\0", 136);
  h.write("        ", 148);
  h.write(type, 156);
  h.write("ustar  \0", 257); // GNU magic
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return h;
}
const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);

/** A one-file tar whose name is given by a GNU long-name ('L') record, as GNU tar writes it. */
function gnuLongNameTar(name: string, content: string): Buffer {
  const long = Buffer.from(`${name}\0`);
  return Buffer.concat([
    header("././@LongLink", long.length, "L"),
    pad(long),
    header(name.slice(0, 99), content.length, "0"),
    pad(Buffer.from(content)),
    Buffer.alloc(1024),
  ]);
}

async function analyze(layout: string, format: string) {
  const io = captureIO();
  const code = await main(["analyze", "--format", format, `oci:${layout}`], io);
  return { code, out: io.out, err: io.err };
}

describe("input-controlled depth is walked without recursion", () => {
  it.each(["text", "json", "html", "markdown", "sarif"])(
    "a path 6,000 directories deep (%s)",
    async (format) => {
      const name = `${Array(6000).fill("d").join("/")}/file`;
      const layout = writeOciLayout(join(tmp, `deep-${format}`), [
        { layers: [await layerTar([{ name, content: "x".repeat(100) }])] },
      ]);
      const { code, err } = await analyze(layout, format);
      expect(err).toBe("");
      expect(code).toBe(0);
    },
  );

  it("a 1 MB GNU long name of a/a/a/…", async () => {
    const name = `${"a/".repeat(500_000)}f`;
    const layout = writeOciLayout(join(tmp, "long"), [{ layers: [gnuLongNameTar(name, "hello")] }]);
    const { code, out, err } = await analyze(layout, "json");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(out).size).toMatchObject({ files: 1, uncompressed: 5 });
  }, 120_000);
});
