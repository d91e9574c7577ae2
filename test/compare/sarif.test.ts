import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { logicalLines, renderSarif } from "../../src/report/sarif.js";
import { documentedRules, sarifRulesOf } from "../../src/cli/sarif-rules.js";
import { finding, makeReport } from "./report-fixture.js";

const schema = JSON.parse(
  readFileSync(new URL("../lint/fixtures/sarif-2.1.0-subset.schema.json", import.meta.url), "utf8"),
);
// The lint subset leaves out two objects image results use; added here as SARIF 2.1.0 defines
// them (§3.14.28 run.automationDetails → runAutomationDetails §3.17; §3.28.4 location.logicalLocations §3.33).
schema.definitions.run.properties.automationDetails = {
  type: "object",
  properties: {
    id: { type: "string" },
    guid: { type: "string" },
    description: { $ref: "#/definitions/message" },
  },
  additionalProperties: false,
};
schema.definitions.location.properties.logicalLocations = {
  type: "array",
  minItems: 0,
  uniqueItems: true,
  items: {
    type: "object",
    properties: {
      name: { type: "string" },
      fullyQualifiedName: { type: "string" },
      kind: { type: "string" },
      index: { type: "integer", minimum: -1 },
    },
    additionalProperties: false,
  },
};
const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(schema);
const documented = await documentedRules();

const DOCKERFILE = `# bloated
FROM debian:bookworm
RUN apt-get update
RUN apt-get install -y \\
      python3
COPY app.py /app/app.py
`;
const report = makeReport({
  layers: [
    [10, 10, "debootstrap"],
    [10, 10, "/bin/sh -c apt-get update"],
    [10, 10, "/bin/sh -c apt-get install -y       python3"],
    [1, 1, "/bin/sh -c #(nop) COPY file:abc in /app/app.py "],
  ],
  findings: [
    { ...finding("leftover-apt-lists", "warning", ["/var/lib/apt/lists"]), layer: 1, bytes: 1000 },
    { ...finding("leftover-docs", "info", ["/usr/share/doc"]), layer: 2 },
    { ...finding("runs-as-root", "warning") },
    { ...finding("secret-file-in-image", "error", ["/app/.env"]), layer: 3 },
    { ...finding("setuid-file", "info", ["/bin/su"]), layer: 0 },
  ],
});

describe("renderSarif", () => {
  const log = JSON.parse(
    renderSarif(report, {
      toolVersion: "0.1.0",
      rules: sarifRulesOf(documented),
      dockerfile: { path: "./docker/Dockerfile", text: DOCKERFILE },
    }),
  );

  it("is valid SARIF 2.1.0", () => {
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it("points each finding at the Dockerfile instruction that wrote its layer, base layers at FROM", () => {
    const lines = log.runs[0].results.map(
      (r: {
        ruleId: string;
        locations: {
          physicalLocation: { region: { startLine: number }; artifactLocation: { uri: string } };
        }[];
      }) => [r.ruleId, r.locations[0].physicalLocation.region.startLine],
    );
    expect(lines).toEqual([
      ["leftover-apt-lists", 3],
      ["leftover-docs", 4],
      ["runs-as-root", 1],
      ["secret-file-in-image", 6],
      ["setuid-file", 2],
    ]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "docker/Dockerfile",
      uriBaseId: "%SRCROOT%",
    });
  });

  it("levels, rule metadata with help, and a category apart from lint's", () => {
    const run = log.runs[0];
    expect(run.results.map((r: { level: string }) => r.level)).toEqual([
      "warning",
      "note",
      "warning",
      "error",
      "note",
    ]);
    expect(run.automationDetails.id).toBe("ballast-image/");
    const rule = run.tool.driver.rules[run.results[0].ruleIndex];
    expect(rule.id).toBe("leftover-apt-lists");
    expect(rule.help.markdown).toContain("**Why it matters**");
    expect(run.tool.driver.rules).toHaveLength(documented.length);
    // Dockerfile rules read back from history are documented too.
    expect(
      run.tool.driver.rules.some((r: { id: string }) => r.id === "apt-no-install-recommends"),
    ).toBe(true);
  });

  it("fingerprints survive a rebuild that moves bytes and layers", () => {
    const moved = makeReport({
      layers: [[1, 1]],
      findings: [
        { ...finding("leftover-apt-lists", "warning", ["/var/lib/apt/lists"]), layer: 0, bytes: 5 },
      ],
    });
    const again = JSON.parse(renderSarif(moved, { toolVersion: "0.1.0", rules: [] }));
    expect(again.runs[0].results[0].partialFingerprints).toEqual(
      log.runs[0].results[0].partialFingerprints,
    );
  });
});

describe("logicalLines", () => {
  it("joins continuations and skips comments, keeping the first line number", () => {
    expect(logicalLines(DOCKERFILE).map((l) => [l.line, l.text])).toEqual([
      [2, "FROM debian:bookworm"],
      [3, "RUN apt-get update"],
      [4, "RUN apt-get install -y python3"],
      [6, "COPY app.py /app/app.py"],
    ]);
  });
});
