import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";

const DIVE = new URL("../fixtures/dive/", import.meta.url).pathname;
const schema = JSON.parse(
  readFileSync(new URL("../../schema/analyze.schema.json", import.meta.url), "utf8"),
);

async function run(...argv: string[]) {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

describe("ballast analyze", () => {
  it("prints JSON that the schema in the repo accepts, with the required keys", async () => {
    const { code, out } = await run(
      "analyze",
      "--format",
      "json",
      `docker-archive:${DIVE}test-docker-image.tar`,
    );
    expect(code).toBe(0);
    const report = JSON.parse(out);
    const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.image).toMatchObject({ os: "linux", architecture: "amd64" });
    expect(report.layers[3]).toMatchObject({
      index: 3,
      size: 6405,
      createdBy: "/bin/sh -c cp /somefile.txt /root/example/somefile1.txt",
    });
    expect(report.waste.items[0]).toHaveProperty("hiddenBy");
  });

  it("prints a readable report naming the instructions behind the waste", async () => {
    const { code, out } = await run("analyze", `${DIVE}test-docker-image.tar`);
    expect(code).toBe(0);
    expect(out).toContain("32.0 kB");
    expect(out).toMatch(/deleted by layer 9: RUN rm -rf \/root\/example\//);
    expect(out).not.toMatch(/\x1b\[/); // no colour when not a terminal
  });

  it.each([
    [[`${DIVE}test-gzip-image.tar`], /^ballast: .*test-gzip-image.tar: not an image/],
    [
      ["/nonexistent/image.tar"],
      /^ballast: \/nonexistent\/image.tar: no such file or directory \(and not a known transport/,
    ],
    [
      ["alpine:3.20"],
      /^ballast: alpine:3.20: no such file or directory; did you mean docker:\/\/alpine:3.20\?/,
    ],
    [["--platform", "linux", `${DIVE}test-docker-image.tar`], /^ballast: invalid platform "linux"/],
    [
      ["--top", "0", `${DIVE}test-docker-image.tar`],
      /^ballast: --top must be a positive whole number/,
    ],
    [["--format", "yaml", `${DIVE}test-docker-image.tar`], /argument 'yaml' is invalid/],
  ])("bad input %j: exit 2 and one line, no stack trace", async (args, message) => {
    const { code, err, out } = await run("analyze", ...(args as string[]));
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("shows the stack trace with --debug", async () => {
    const { code, err } = await run("--debug", "analyze", `${DIVE}test-gzip-image.tar`);
    expect(code).toBe(2);
    expect(err).toMatch(/\n\s+at /);
  });
});

describe("ballast analyze --cost --ci --format json", () => {
  it("adds cost and ci keys that the schema describes", async () => {
    const { code, out } = await run(
      "analyze",
      "--format",
      "json",
      "--cost",
      "--ci",
      "examples/bloated-app.tar",
    );
    expect([0, 1]).toContain(code);
    const report = JSON.parse(out);
    const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.cost.compressedBytes).toBe(report.size.compressed);
    expect(report.ci.results.length).toBeGreaterThan(0);
  });
});
