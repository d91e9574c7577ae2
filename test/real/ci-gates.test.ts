import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";
import { fixture } from "./fixtures.js";
import { dockerManifest } from "./diff-oracle.js";

interface Verdict {
  pass: boolean;
  results: { rule: string; status: string; actual?: number }[];
}

async function ci(image: string, ...flags: string[]): Promise<{ code: number; verdict: Verdict }> {
  const io = captureIO({ cwd: "/" });
  const code = await main(
    [
      "ci",
      image,
      "--format",
      "json",
      "--lowest-efficiency",
      "disabled",
      "--highest-user-wasted-percent",
      "disabled",
      ...flags,
    ],
    io,
  );
  return { code, verdict: JSON.parse(io.out) };
}

/** Size of one path in one layer of a docker-archive, from `tar -tv` (independent of ballast). */
function sizeInLayer(archive: string, layer: number, path: string): number {
  const name = dockerManifest(archive).layers[layer];
  const listing = execFileSync(
    "bash",
    ["-c", 'tar -xOf "$1" "$2" | tar -tvf -', "x", archive, name],
    { maxBuffer: 1 << 28 },
  ).toString();
  const line = listing.split("\n").find((l) => l.endsWith(` ${path}`) || l.endsWith(` ./${path}`));
  return Number(line?.split(/\s+/)[2] ?? Number.NaN);
}

// bloated splits `apt-get update` and `apt-get install` into two RUNs: the install rewrites
// apt's package caches the update layer wrote, so those bytes stay in the image twice. slim
// does everything in one RUN; what it hides was written by the base image.
describe("reclaimable-percent gate with the base boundary read from history", () => {
  it("bloated fails at 10 % of its own bytes; the hidden pkgcache.bin of layer 1 is counted", async () => {
    const { code, verdict } = await ci(
      fixture("bloated.docker.tar"),
      "--max-reclaimable-percent",
      "0.1",
    );
    expect(code).toBe(1);
    const gate = verdict.results.find((r) => r.rule === "maxReclaimablePercent")!;
    expect(gate.status).toBe("FAIL");
    const userBytes = [1, 2, 3].reduce(
      (s, i) =>
        s +
        Number(
          execFileSync("bash", [
            "-c",
            'tar -xOf "$1" "$2" | tar -tvf - | awk \'/^-/ {s += $3} END {printf "%d", s}\'',
            "x",
            fixture("bloated.docker.tar"),
            dockerManifest(fixture("bloated.docker.tar")).layers[i],
          ]).toString(),
        ),
      0,
    );
    const pkgcache = sizeInLayer(fixture("bloated.docker.tar"), 1, "var/cache/apt/pkgcache.bin");
    expect(pkgcache).toBeGreaterThan(0);
    expect(gate.actual! * userBytes).toBeGreaterThanOrEqual(pkgcache);
  });

  it("slim passes even at 0: nothing its own layers wrote is hidden", async () => {
    const { code, verdict } = await ci(
      fixture("slim.docker.tar"),
      "--max-reclaimable-percent",
      "0",
    );
    expect(verdict.results.find((r) => r.rule === "maxReclaimablePercent")).toMatchObject({
      status: "PASS",
      actual: 0,
    });
    expect(code).toBe(0);
  });

  it("with slim as the baseline, multistage (smaller) passes the size rules and bloated fails them", async () => {
    const io = captureIO({ cwd: "/" });
    await main(["analyze", fixture("slim.oci.tar"), "--format", "json"], io);
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const dir = mkdtempSync("/tmp/ballast-baseline-");
    writeFileSync(`${dir}/slim.json`, io.out);
    const smaller = await ci(fixture("multistage.oci.tar"), "--baseline", `${dir}/slim.json`);
    expect(
      smaller.verdict.results
        .filter((r) => r.rule.startsWith("baseline.") && r.rule !== "baseline.findings")
        .map((r) => r.status),
    ).toEqual(["PASS", "PASS", "PASS"]);
    const bigger = await ci(fixture("bloated.oci.tar"), "--baseline", `${dir}/slim.json`);
    expect(bigger.code).toBe(1);
    expect(bigger.verdict.results.find((r) => r.rule === "baseline.compressedSize")?.status).toBe(
      "FAIL",
    );
  });
});
