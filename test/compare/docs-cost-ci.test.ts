import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_COST_INPUTS } from "../../src/analysis/cost.js";
import { DIVE_DEFAULTS, GATE_KEYS } from "../../src/analysis/gate-config.js";
import { COST_KEYS } from "../../src/cli/project-config.js";
import { main } from "../../src/cli/main.js";
import { captureIO } from "../../src/cli/io.js";

const doc = readFileSync(new URL("../../docs/compare-cost-ci.md", import.meta.url), "utf8");
const help = async (command: string) => {
  const io = captureIO();
  await main([command, "--help"], io);
  return io.out;
};

// DESIGN.md habit 11: docs come from code, and a test keeps them honest.
describe("docs/compare-cost-ci.md", () => {
  it("states the cost defaults the code uses, each with its flag and config key", async () => {
    const rows = new Map(
      [
        ...doc.matchAll(/^\| [^|]+ \| `(--[\w-]+)` \| `([\w-]+)` \| ([^|]+?)(?: \(.*\))? \|$/gm),
      ].map((m) => [m[2], { flag: m[1], value: m[3] }]),
    );
    expect([...rows.keys()].sort()).toEqual([...COST_KEYS].sort());
    const expected: Record<string, number> = {
      "storage-price": DEFAULT_COST_INPUTS.storagePricePerGBMonth,
      tags: DEFAULT_COST_INPUTS.tagsRetained,
      "egress-price": DEFAULT_COST_INPUTS.egressPricePerGB,
      nodes: DEFAULT_COST_INPUTS.nodes,
      deploys: DEFAULT_COST_INPUTS.deploysPerMonth,
      bandwidth: DEFAULT_COST_INPUTS.bandwidthMbps,
    };
    for (const [key, value] of Object.entries(expected))
      expect(Number(rows.get(key)?.value)).toBe(value);
    const analyzeHelp = await help("analyze");
    for (const { flag } of rows.values()) expect(analyzeHelp).toContain(flag);
  });

  it("lists every gate rule with a flag `ballast ci` has, and dive's defaults", async () => {
    const ciHelp = await help("ci");
    for (const key of GATE_KEYS) {
      const row = new RegExp(`^\\| \`${key}\` \\| \`(--[\\w-]+)\` \\|`, "m").exec(doc);
      expect(row, key).not.toBeNull();
      expect(ciHelp).toContain(row![1]);
    }
    expect(doc).toContain(
      `(${DIVE_DEFAULTS.lowestEfficiency} / ${DIVE_DEFAULTS.highestWastedBytes} / ${DIVE_DEFAULTS.highestUserWastedPercent})`,
    );
  });
});
