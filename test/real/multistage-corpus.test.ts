import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversionCheck } from "../../src/build/conversion.js";
import { fixFile } from "../../src/cli/fix-run.js";
import { verifyConversion } from "../../src/cli/fix-multistage.js";
import { BASE, buildah, cliIO, mb, storeImageIds } from "./fix-helpers.js";
import { startAptCache } from "./multistage-apt-proxy.js";

const CORPUS = fileURLToPath(new URL("./multistage-corpus/", import.meta.url));

/** Each corpus Dockerfile, the language it must be detected as, and the output both images print. */
const CASES: { name: string; language: string; output: RegExp }[] = [
  { name: "go-stdlib", language: "go", output: /^hello from go: [0-9a-f]{8}\nargs: 1\n$/ },
  { name: "go-cgo", language: "go", output: /^zlib from cgo: 1\.2\.\d+\n$/ },
  { name: "c-zlib", language: "c", output: /^zlib 1\.2\.\d+: 47 -> \d+ bytes\n$/ },
  { name: "cpp-cmake", language: "c", output: /^ballast dead drops weight \n$/ },
  { name: "python-cext", language: "python", output: /^fastsum\.total\(100\) = 5050\n$/ },
  { name: "node-ts", language: "node", output: /^hello, ballast\nhello, typescript\n$/ },
  { name: "java", language: "java", output: /^hello from java: ballast on a jre\n$/ },
  { name: "guide-ansible", language: "python", output: /^lintdemo: 42 rules loaded\n$/ },
];

interface Result {
  name: string;
  check: ConversionCheck;
}

describe("ballast fix --multi-stage --verify on a corpus of single-stage Debian Dockerfiles", () => {
  let root: string;
  let cache: Awaited<ReturnType<typeof startAptCache>>;
  let imagesBefore: string[];
  const results: Result[] = [];

  beforeAll(async () => {
    // The corpus is written against debian:bookworm and its -slim sibling; here both are the lab's debootstrap base.
    const tagged = await buildah(
      "tag",
      BASE,
      "localhost/debian:bookworm",
      "localhost/debian:bookworm-slim",
    );
    expect(tagged.code, tagged.stderr).toBe(0);
    root = await mkdtemp(path.join(tmpdir(), "ballast-multistage-"));
    cache = await startAptCache();
    imagesBefore = await storeImageIds();
  });

  afterAll(async () => {
    await cache?.close();
    if (root) await rm(root, { recursive: true, force: true });
    const rows = results.map(({ name, check }) => {
      const b = check.comparison!.before;
      const a = check.comparison!.after;
      const cut = (x: number, y: number) => `${((100 * (x - y)) / x).toFixed(1)} %`;
      return `${name.padEnd(14)} ${mb(b.compressed).padStart(9)} ${mb(a.compressed).padStart(9)} ${mb(b.uncompressed).padStart(9)} ${mb(a.uncompressed).padStart(9)}  ${cut(b.uncompressed, a.uncompressed)}`;
    });
    console.log(`case           compr.bef compr.aft uncompr.b uncompr.a  cut\n${rows.join("\n")}`);
  });

  // One case at a time: buildah 1.28 builds running side by side in one store fail at random
  // ("deleting build container …: identifier is not a container"; 3 of 8 in a CI dry run).
  it.each(CASES)(
    "$name: converts, builds, prints the same and is smaller",
    async ({ name, language, output }) => {
      const dir = path.join(root, name);
      await cp(path.join(CORPUS, name), dir, { recursive: true });
      const io = cliIO(dir);
      io.env.http_proxy = cache.url;
      const file = path.join(dir, "Dockerfile");
      const options = { cwd: dir, ignore: [], unsafe: false, multiStage: true };
      const run = await fixFile(file, options);
      expect(run.conversion?.ok, run.conversion?.ok === false ? run.conversion.reason : "").toBe(
        true,
      );
      if (!run.conversion?.ok) return;
      expect(run.conversion.language).toBe(language);
      const verified = await verifyConversion(run, {
        io,
        context: dir,
        signal: new AbortController().signal,
        rerun: (extra) => fixFile(file, { ...options, ...extra }),
      });
      const check = verified.check!;
      expect(check.reason ?? "", io.err).toBe("");
      expect(check.before?.stdout).toMatch(output);
      expect(check.after?.stdout).toBe(check.before?.stdout);
      expect(check.after?.code).toBe(0);
      const { before, after } = check.comparison!;
      expect(after.uncompressed).toBeLessThan(before.uncompressed);
      expect(after.surface.compilers).toEqual([]);
      expect(verified.run.output).toMatch(/ AS build\n/);
      results.push({ name, check });
      if (name === "go-stdlib") {
        expect(after.uncompressed / before.uncompressed).toBeLessThan(0.01);
        expect(after.surface.shell).toBe(false);
      }
    },
    // Builds wait on apt and exports; on a loaded two-core machine one case took up to 10 minutes.
    1_800_000,
  );

  it("median uncompressed cut over the corpus is at least 80 %, and nothing is left in the store", async () => {
    expect(results.length).toBe(CASES.length);
    const cuts = results
      .map(
        ({ check }) =>
          1 - check.comparison!.after.uncompressed / check.comparison!.before.uncompressed,
      )
      .sort((x, y) => x - y);
    const median = (cuts[(cuts.length - 1) >> 1] + cuts[cuts.length >> 1]) / 2;
    console.log(
      `median uncompressed cut: ${(100 * median).toFixed(1)} %, apt cache hits: ${cache.hits()}`,
    );
    expect(median).toBeGreaterThanOrEqual(0.8);
    expect(await storeImageIds()).toEqual(imagesBefore);
  });
});
