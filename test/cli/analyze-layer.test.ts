import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";

const EXAMPLE = new URL("../../examples/bloated-app.tar", import.meta.url).pathname;
const schema = JSON.parse(
  readFileSync(new URL("../../schema/analyze.schema.json", import.meta.url), "utf8"),
);

async function run(...argv: string[]) {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

// Sizes from Python's tarfile over the example's layer blobs (independent of ballast).
const LISTS = "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm";

describe("ballast analyze --layer N", () => {
  it("gives the files a layer added in JSON the schema accepts, with what hid them", async () => {
    const { code, out } = await run("analyze", EXAMPLE, "--layer", "1", "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(out);
    const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.layerFiles.layer).toBe(1);
    expect(
      report.layerFiles.added.map((f: { path: string; size: number }) => [f.path, f.size]),
    ).toEqual([
      [`${LISTS}_main_binary-amd64_Packages`, 555717],
      ["/var/cache/apt/pkgcache.bin", 163840],
      [`${LISTS}_InRelease`, 13098],
    ]);
    expect(report.layerFiles.added[0]).toMatchObject({ mode: 0o644, uid: 0, gid: 0, hiddenBy: 5 });
    expect(report.layerFiles.added.length).toBe(report.layers[1].added);
  });

  it("prints the deletions of a layer as text", async () => {
    const { code, out } = await run("analyze", EXAMPLE, "--layer", "5");
    expect(code).toBe(0);
    expect(out).toContain("RUN rm -rf /var/lib/apt/lists/*");
    expect(out).toContain("Deleted (2)");
    expect(out).toMatch(
      /556 kB\s+1 file\s+\/var\/lib\/apt\/lists\/deb\.debian\.org_debian_dists_bookworm_main_binary-amd64_Packages/,
    );
  });

  it.each([
    [["--layer", "7"], /^ballast: --layer 7: the image has 7 layers \(0 to 6\)\n$/],
    [["--layer", "-1"], /^ballast: --layer takes a layer index/],
    [["--layer", "1", "--format", "html"], /^ballast: --layer works with --format text or json/],
  ])("refuses %j with one line and exit 2", async (flags, message) => {
    const { code, out, err } = await run("analyze", EXAMPLE, ...flags);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(message);
  });
});
