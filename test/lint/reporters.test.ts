import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import formats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ruleInfos } from "../../src/cli/lint-run.js";
import type { LocatedFinding, LintRenderOptions } from "../../src/report/lint-format.js";
import { LINT_RENDERERS } from "../../src/report/lint-renderers.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(
  readFileSync(path.join(here, "fixtures/sarif-2.1.0-subset.schema.json"), "utf8"),
) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS; under NodeNext its default import is the module object (same trap as LIBRARIES.md (k)).
(formats as unknown as typeof formats.default)(ajv);
const validateSarif = ajv.compile(schema);

const findings: LocatedFinding[] = [
  {
    file: "app/Dockerfile",
    line: 3,
    column: 1,
    endLine: 4,
    rule: "apt-lists-not-removed",
    severity: "warning",
    message: '`apt-get update` leaves <lists> & "more"',
    hadolint: ["DL3009"],
  },
  {
    file: "app/Dockerfile",
    line: 7,
    column: 1,
    endLine: 7,
    rule: "secret-in-env-or-arg",
    severity: "error",
    message: "ENV A_TOKEN | x",
    hadolint: [],
  },
  {
    file: "svc/Containerfile",
    line: 1,
    column: 1,
    endLine: 1,
    rule: "consecutive-run",
    severity: "style",
    message: "m",
    hadolint: ["DL3059"],
  },
];
const options: LintRenderOptions = {
  files: ["app/Dockerfile", "clean/Dockerfile", "svc/Containerfile"],
  rules: ruleInfos(),
  toolVersion: "0.1.0",
};

describe("json", () => {
  it("has exactly the documented keys per finding", () => {
    const out = JSON.parse(LINT_RENDERERS.json(findings, options)) as {
      findings: Record<string, unknown>[];
    };
    expect(Object.keys(out)).toEqual(["findings"]);
    expect(Object.keys(out.findings[0])).toEqual([
      "file",
      "line",
      "column",
      "endLine",
      "rule",
      "severity",
      "message",
      "hadolint",
    ]);
    expect(out.findings[0]).toMatchObject({
      file: "app/Dockerfile",
      line: 3,
      endLine: 4,
      hadolint: ["DL3009"],
    });
  });
});

describe("sarif", () => {
  const log = JSON.parse(LINT_RENDERERS.sarif(findings, options));

  it("is valid against the SARIF 2.1.0 schema subset", () => {
    expect(validateSarif(log), ajv.errorsText(validateSarif.errors)).toBe(true);
  });

  it("the schema rejects a broken log (missing message, bad level, startLine 0)", () => {
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message;
    broken.runs[0].results[1].level = "fatal";
    broken.runs[0].results[2].locations[0].physicalLocation.region.startLine = 0;
    expect(validateSarif(broken)).toBe(false);
    expect(validateSarif.errors!.length).toBeGreaterThanOrEqual(3);
  });

  it("lists every rule with help text, and points results at them", () => {
    const { rules } = log.runs[0].tool.driver;
    expect(rules.length).toBe(options.rules.length);
    const i = log.runs[0].results[0].ruleIndex;
    expect(rules[i].id).toBe("apt-lists-not-removed");
    expect(rules[i].help.markdown).toContain("## What it does");
    expect(log.runs[0].results.map((r: { level: string }) => r.level)).toEqual([
      "warning",
      "error",
      "note",
    ]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.region).toEqual({
      startLine: 3,
      startColumn: 1,
      endLine: 4,
    });
  });

  it("marks security rules for GitHub's severity ranking", () => {
    const rule = log.runs[0].tool.driver.rules.find(
      (r: { id: string }) => r.id === "secret-in-env-or-arg",
    );
    expect(rule.properties["security-severity"]).toBe("8.0");
  });
});

describe("xml formats", () => {
  it("checkstyle escapes messages and lists clean files", () => {
    const xml = LINT_RENDERERS.checkstyle(findings, options);
    expect(xml).toContain('message="`apt-get update` leaves &lt;lists&gt; &amp; &quot;more&quot;"');
    expect(xml).toContain('<file name="clean/Dockerfile">\n  </file>');
    expect(xml).toContain('severity="info" message="m" source="ballast.consecutive-run"');
  });

  it("junit has one failing case per finding and a passing case per clean file", () => {
    const xml = LINT_RENDERERS.junit(findings, options);
    expect(xml).toContain('<testsuites name="ballast lint" tests="4" failures="3">');
    expect(xml).toContain('<testsuite name="clean/Dockerfile" tests="1" failures="0">');
    expect((xml.match(/<failure /g) ?? []).length).toBe(3);
  });
});

describe("gitlab", () => {
  it("emits Code Quality issues with unique fingerprints and mapped severities", () => {
    const issues = JSON.parse(LINT_RENDERERS.gitlab(findings, options)) as {
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];
    expect(issues.map((i) => i.severity)).toEqual(["major", "critical", "info"]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(3);
    expect(issues[0].location).toEqual({ path: "app/Dockerfile", lines: { begin: 3, end: 4 } });
    const categories = JSON.parse(LINT_RENDERERS.gitlab(findings, options)).map(
      (i: { categories: string[] }) => i.categories[0],
    );
    expect(categories).toEqual(["Performance", "Security", "Performance"]);
  });
});

describe("text and markdown", () => {
  it("text prints file:line:col, and a summary counting files", () => {
    const text = LINT_RENDERERS.text(findings, options);
    expect(text.split("\n")[0]).toMatch(
      /^app\/Dockerfile:3:1 +warning +apt-lists-not-removed +`apt-get update`.*\[DL3009\]$/,
    );
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "3 problems (1 error, 1 warning, 1 style) in 3 files",
    );
    expect(text).not.toContain("\u001b[");
  });

  it("markdown escapes pipes in table cells", () => {
    const md = LINT_RENDERERS.markdown(findings, options);
    expect(md).toContain(
      "| app/Dockerfile | 7 | error | `secret-in-env-or-arg` | ENV A_TOKEN \\| x |",
    );
    expect(LINT_RENDERERS.markdown([], options)).toBe(
      "### ballast lint: no problems in 3 files\n\n",
    );
  });
});
