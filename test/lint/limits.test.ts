import { describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { checkDockerfileSize } from "../../src/dockerfile/limits.js";
import { lintText } from "../../src/lint/lint.js";
import { InputError } from "../../src/model/errors.js";

async function inputError(text: string): Promise<string> {
  const err = await lintText(text).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return (err as Error).message;
}

/** Hostile sizes cost bounded time and memory (issue 13 §4): refused before any parser runs. */
describe("Dockerfile size limits", () => {
  it("a 10 MB one-line Dockerfile", async () => {
    expect(await inputError(`FROM x\nRUN echo ${"a".repeat(10_000_000)}\n`)).toBe(
      "Dockerfile is 9.5 MiB; ballast reads Dockerfiles up to 8.0 MiB",
    );
  });

  it("a 1 MB instruction of short words, on one line or continued over many", async () => {
    expect(await inputError(`FROM x\nRUN echo ${"ab ".repeat(350_000)}\n`)).toBe(
      "line 2: instruction is 1026 KiB long; ballast reads instructions up to 256 KiB",
    );
    // The 100k-line continuation of issue 13 §4.
    expect(await inputError(`FROM x\nRUN echo \\\n${"  ab \\\n".repeat(100_000)}  end\n`)).toMatch(
      /^line 2: instruction is \d+ KiB long; ballast reads instructions up to 256 KiB$/,
    );
  });

  it("a 100k-instruction file is within the limits", () => {
    const text = `FROM x\n${"RUN pip install some-package==1.0\n".repeat(100_000)}`;
    expect(() => checkDockerfileSize(text)).not.toThrow();
  });

  it("ballast lint /dev/zero stops reading and exits 2 with one line", async () => {
    const io = captureIO();
    expect(await main(["lint", "/dev/zero"], io)).toBe(2);
    expect(io.err.trim().split("\n")).toHaveLength(1);
    expect(io.err).toMatch(/\/dev\/zero: over 8 MiB; ballast reads Dockerfiles up to 8 MiB/);
  });
});
