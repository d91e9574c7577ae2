import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { DIVE_DIR, diveFixture } from "./dive-fixtures.js";

const DOCKER = diveFixture("test-docker-image.tar");
const KANIKO = diveFixture("test-kaniko-image.tar");
const GZIP = diveFixture("test-oci-gzip-image.tar");
const scratch = () => mkdtempSync(join(tmpdir(), "ballast-ci-"));

async function ci(args: string[], cwd = scratch()) {
  const io = captureIO({ cwd });
  const code = await main(["ci", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("ballast ci", () => {
  it("picks up ./.dive-ci like dive and passes dive's docker and kaniko images (exit 0)", async () => {
    for (const image of [DOCKER, KANIKO]) {
      const r = await ci([image], DIVE_DIR);
      expect(r.code).toBe(0);
      expect(r.out).toContain("Rules  dive defaults ← .dive-ci");
      expect(r.out).toContain("Result:PASS [Total:8] [Passed:3] [Failed:0] [Warn:0] [Skipped:5]");
    }
  });

  it("without a rules file, dive's defaults apply: 0.48 of user bytes wasted fails 0.1 (exit 1)", async () => {
    const r = await ci([DOCKER]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /FAIL: highestUserWastedPercent: too many bytes wasted, relative to the user bytes added \(%-user-wasted-bytes=0\.4834911001404049 > threshold=0\.1\)/,
    );
    expect(r.out).toContain("Result:FAIL");
  });

  it("flags override the file; misconfiguration exits 2 with every problem listed", async () => {
    const ok = await ci([
      DOCKER,
      "--highest-user-wasted-percent",
      "0.5",
      "--max-compressed-size",
      "2MB",
    ]);
    expect(ok.code).toBe(0);
    const bad = await ci([
      DOCKER,
      "--lowest-efficiency",
      "1.1",
      "--highest-wasted-bytes",
      "not_a_size",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      "CI misconfigured:\n  - lowestEfficiency: value is outside the allowed range (0-1), given '1.1'\n  - highestWastedBytes: invalid size 'not_a_size'",
    );
    expect(bad.out).toBe("");
  });

  it("a rules file given explicitly must exist; a broken one is a misconfiguration", async () => {
    expect((await ci([DOCKER, "--ci-config", "nope.yml"])).err).toContain(
      "--ci-config nope.yml: no such file",
    );
    const dir = scratch();
    writeFileSync(join(dir, ".dive-ci"), "rules:\n  lowestEfficiency: not_a_number\n");
    const r = await ci([DOCKER], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("lowestEfficiency: invalid value 'not_a_number'");
  });

  it("writes JUnit XML with one testcase per rule", async () => {
    const dir = scratch();
    const r = await ci(
      [
        DOCKER,
        "--highest-wasted-bytes",
        "1B",
        "--junit",
        "ci.xml",
        "--lowest-efficiency",
        "0.9",
        "--highest-user-wasted-percent",
        "0.5",
      ],
      dir,
    );
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, "ci.xml"), "utf8");
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ballast ci" tests="8" failures="1" errors="0" skipped="5"/,
    );
    expect(xml.match(/<testcase /g)).toHaveLength(8);
    expect(xml).toContain(
      '<failure type="highestWastedBytes" message="too many bytes wasted (wasted-bytes=32025 &gt; threshold=1)">',
    );
    expect(xml).toContain('<testcase classname="ballast.ci" name="lowestEfficiency" time="0"/>');
  });

  it("json and markdown verdicts", async () => {
    const json = await ci([DOCKER, "--format", "json", "--highest-user-wasted-percent", "0.5"]);
    expect(JSON.parse(json.out)).toMatchObject({
      pass: true,
      tally: { total: 8, pass: 2, fail: 0, skip: 6 },
    });
    // highestWastedBytes is "disabled" in dive's defaults.
    expect(JSON.parse(json.out).results[1]).toEqual({
      rule: "highestWastedBytes",
      status: "SKIP",
      message: "rule disabled",
    });
    const md = await ci([DOCKER, "--format", "markdown"]);
    expect(md.out).toMatch(/^### ❌ FAIL: `docker-archive:/);
    expect(md.out).toContain("| ❌ FAIL | `highestUserWastedPercent` |");
  });

  it("baseline: fails only when the image got worse than the baseline", async () => {
    const dir = scratch();
    const analyze = captureIO({ cwd: dir });
    expect(await main(["analyze", GZIP, "--format", "json"], analyze)).toBe(0);
    writeFileSync(join(dir, "small.json"), analyze.out);
    const same = await ci(
      [
        GZIP,
        "--baseline",
        "small.json",
        "--lowest-efficiency",
        "disabled",
        "--highest-user-wasted-percent",
        "disabled",
      ],
      dir,
    );
    expect(same.code).toBe(0);
    expect(same.out).toContain("PASS: baseline.compressedSize");
    const bigger = await ci(
      [DOCKER, "--baseline", "small.json", "--highest-user-wasted-percent", "disabled"],
      dir,
    );
    expect(bigger.code).toBe(1);
    expect(bigger.out).toMatch(
      /FAIL: baseline\.uncompressedSize: uncompressed size \+1209409 B vs baseline \(11189 → 1220598 B/,
    );
    const tolerant = await ci(
      [
        DOCKER,
        "--baseline",
        "small.json",
        "--tolerance",
        "2MB",
        "--highest-user-wasted-percent",
        "disabled",
      ],
      dir,
    );
    // Sizes are within 2 MB of the baseline; new findings (if detectors fire) are judged apart.
    for (const rule of ["compressedSize", "uncompressedSize", "reclaimableBytes"])
      expect(tolerant.out).toContain(`PASS: baseline.${rule}`);
  });

  it("a baseline that is not an analysis is refused", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "b.json"), '{"hello": 1}');
    const r = await ci([DOCKER, "--baseline", "b.json"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("not a ballast analysis");
    expect((await ci([DOCKER, "--tolerance", "1%"], dir)).err).toContain(
      "--tolerance applies to --baseline",
    );
  });
});

describe("ballast ci output files", () => {
  it("a text report written with -o carries no colour codes, even from a terminal", async () => {
    const dir = scratch();
    const io = captureIO({ cwd: dir, stdoutIsTTY: true });
    await main(["ci", DOCKER, "-o", "verdict.txt"], io);
    const text = readFileSync(join(dir, "verdict.txt"), "utf8");
    expect(text).toContain("Result:FAIL");
    expect(text).not.toContain("\x1b[");
  });
});
