import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { emptyConfig } from "../../src/lint/config.js";
import { lintText } from "../../src/lint/lint.js";
import { rulesDocument } from "../../src/rules/docs.js";
import { HADOLINT } from "../../src/rules/hadolint.js";
import { RULES } from "../../src/rules/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const rulesDir = path.join(root, "src/rules");

/** The slugs issue 3 fixes; the JSON output reports them, so they may never change. */
const ISSUE_IDS = [
  "apt-no-install-recommends",
  "apt-lists-not-removed",
  "apk-no-cache",
  "apk-virtual-not-deleted",
  "pip-no-cache-dir",
  "npm-cache-not-cleaned",
  "node-dev-dependencies",
  "yarn-cache-not-cleaned",
  "rpm-cache-not-cleaned",
  "consecutive-run",
  "cleanup-in-later-layer",
  "chown-in-later-layer",
  "no-multi-stage",
  "build-tools-in-final-stage",
  "heavy-base-image",
  "copy-context-without-dockerignore",
  "add-instead-of-copy",
  "copy-stage-root",
  "scratch-without-ca-certificates",
  "runs-as-root",
  "secret-in-env-or-arg",
  "curl-pipe-shell",
  "sudo-in-run",
  "unpinned-base-image",
];

describe("rule registry and docs", () => {
  it("has every rule the issue names, ids unique and slug-shaped", () => {
    const ids = RULES.map((r) => r.id);
    expect(ids.filter((id) => ISSUE_IDS.includes(id)).sort()).toEqual([...ISSUE_IDS].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("registers every rule file, and every rule has its own file and table test", () => {
    const files = readdirSync(rulesDir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const ruleFiles = files.filter((f) =>
      readFileSync(path.join(rulesDir, f), "utf8").includes("defineRule({"),
    );
    expect(ruleFiles.map((f) => f.replace(/\.ts$/, "")).sort()).toEqual(
      RULES.map((r) => r.id).sort(),
    );
    for (const r of RULES)
      expect(existsSync(path.join(rulesDir, `${r.id}.test.ts`)), r.id).toBe(true);
  });

  it("only opt-in rules are off by default, and the pinning rules are among them", () => {
    for (const r of RULES.filter((x) => !x.meta.enabledByDefault)) expect(r.id).toMatch(/pin/);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it("has docs under every heading and hadolint codes that resolve", () => {
        const d = rule.meta.docs;
        for (const text of [rule.meta.summary, d.what, d.why, d.example, d.useInstead, d.fixSafety])
          expect(text.trim()).not.toBe("");
        for (const code of rule.meta.hadolint) expect(HADOLINT[code], code).toBeDefined();
      });

      it("its Example triggers it and its Use instead does not", async () => {
        const config = {
          ...emptyConfig(),
          enable: new Set([rule.id]),
          settings: rule.meta.docs.settings ?? {},
        };
        const lint = (code: string, dockerignore: string | null) =>
          lintText(code, { config, rules: [rule], buildContext: { dockerignore } });
        const exampleIgnore = rule.meta.docs.dockerignore ?? null;
        expect((await lint(rule.meta.docs.example, exampleIgnore)).map((f) => f.rule)).toContain(
          rule.id,
        );
        expect(await lint(rule.meta.docs.useInstead, ".git\nnode_modules\n.env\n")).toEqual([]);
      });
    });
  }

  it("docs/rules.md is generated from the rule metadata and up to date", () => {
    const file = path.join(root, "docs/rules.md");
    expect(existsSync(file), "run: ballast rules --format markdown > docs/rules.md").toBe(true);
    expect(readFileSync(file, "utf8")).toBe(rulesDocument());
  });
});
