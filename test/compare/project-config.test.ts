import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { diveFixture } from "./dive-fixtures.js";

const DOCKER = diveFixture("test-docker-image.tar");
const GZIP = diveFixture("test-oci-gzip-image.tar");

/** A project with .ballast.yaml at its root; commands run from a subdirectory, as in a monorepo. */
function project(yaml: string): string {
  const root = mkdtempSync(join(tmpdir(), "ballast-project-"));
  writeFileSync(join(root, ".ballast.yaml"), yaml);
  mkdirSync(join(root, "services", "api"), { recursive: true });
  return join(root, "services", "api");
}

async function run(args: string[], cwd: string) {
  const io = captureIO({ cwd });
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

describe(".ballast.yaml cost: and ci: sections", () => {
  it("cost values come from the file found upward; a flag still wins", async () => {
    const cwd = project(
      "lint:\n  ignore: []\ncost:\n  nodes: 3\n  deploys: 2\n  egress-price: 1\n  currency: €\n",
    );
    const fromFile = JSON.parse(
      (await run(["analyze", GZIP, "--format", "json", "--cost"], cwd)).out,
    );
    expect(fromFile.cost.inputs).toMatchObject({
      nodes: 3,
      deploysPerMonth: 2,
      egressPricePerGB: 1,
    });
    const flagWins = JSON.parse(
      (await run(["analyze", GZIP, "--format", "json", "--cost", "--nodes", "7"], cwd)).out,
    );
    expect(flagWins.cost.inputs.nodes).toBe(7);
    const text = await run(["diff", GZIP, GZIP], cwd);
    expect(text.out).toContain("at €1.00/GB");
  });

  it("ci rules from the file apply under .dive-ci and flags", async () => {
    const cwd = project("ci:\n  highestUserWastedPercent: 0.5\n  maxCompressedSize: 1kB\n");
    const r = await run(["ci", DOCKER], cwd);
    expect(r.out).toMatch(/Rules {2}dive defaults ← .*\.ballast\.yaml ci/);
    expect(r.out).toContain("PASS: highestUserWastedPercent");
    expect(r.out).toMatch(/FAIL: maxCompressedSize: compressed size is too large/);
    expect(r.code).toBe(1);
    expect((await run(["ci", DOCKER, "--max-compressed-size", "disabled"], cwd)).code).toBe(0);
  });

  it("mistakes in the file are usage errors naming the file and key", async () => {
    expect((await run(["ci", DOCKER], project("ci:\n  lowestEfficency: 0.9\n"))).err).toMatch(
      /\.ballast\.yaml: ci: unknown rule "lowestEfficency" \(did you mean "lowestEfficiency"\?\)/,
    );
    const bad = await run(["analyze", GZIP, "--cost"], project("cost:\n  nodes: many\n"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/\.ballast\.yaml: cost\.nodes many: must be a non-negative number/);
    expect((await run(["analyze", GZIP, "--cost"], project("cost:\n  node: 3\n"))).err).toContain(
      'cost: unknown key "node"',
    );
  });
});
