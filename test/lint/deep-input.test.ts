import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { MAX_COMMAND_NESTING } from "../../src/dockerfile/shell.js";
import { lintText } from "../../src/lint/lint.js";
import { InputError } from "../../src/model/errors.js";

const n = 10_000;

/** Input-controlled depth (issue 13 §4): these overflowed the call stack in the shell walk. */
describe("deeply nested RUNs lint without recursion", () => {
  const cases: [string, string][] = [
    ["10k commands joined by &&", Array.from({ length: n }, (_, i) => `echo ${i}`).join(" && ")],
    ["10k nested ${a:-", `echo ${"${a:-".repeat(n)}x${"}".repeat(n)}`],
    ["10k nested subshells", `${"(".repeat(n)}true${")".repeat(n)}`],
    ["a 40k-line continuation", `echo \\\n${"  w \\\n".repeat(40_000)}  end`],
  ];
  for (const [name, script] of cases) {
    it(name, { timeout: 60_000 }, async () => {
      const findings = await lintText(`FROM debian:bookworm-slim\nRUN ${script}\n`);
      expect(findings.some((f) => f.rule === "runs-as-root")).toBe(true);
    });
  }

  it(`commands nested more than ${MAX_COMMAND_NESTING} levels deep are an input error naming the limit`, async () => {
    const deep = `echo ${"$(echo ".repeat(1000)}x${")".repeat(1000)}`;
    const err = await lintText(`FROM x\nRUN ${deep}\n`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      `line 2: shell commands nested more than 256 levels deep (\`$(…)\` in \`$(…)\`…); ballast reads at most 256`,
    );
    const ok = `echo ${"$(echo ".repeat(MAX_COMMAND_NESTING - 1)}x${")".repeat(MAX_COMMAND_NESTING - 1)}`;
    expect(Array.isArray(await lintText(`FROM x\nRUN ${ok}\n`))).toBe(true);
  });

  it("ballast lint exits 2 with one line for it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ballast-deep-"));
    try {
      await writeFile(
        path.join(dir, "Dockerfile"),
        `FROM x\nRUN echo ${"$(".repeat(1000)}x${")".repeat(1000)}\n`,
      );
      const io = captureIO({ cwd: dir });
      expect(await main(["lint", "Dockerfile"], io)).toBe(2);
      expect(io.err.trim().split("\n")).toHaveLength(1);
      expect(io.err).toMatch(/line 2: shell commands nested more than 256 levels deep/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
