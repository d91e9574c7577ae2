import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";

// DESIGN.md: one noun per folder, dependencies pointing down only. Value imports must follow
// this table; `import type` may also reach the result types of analysis/ (reporters render them).
const MAY_IMPORT: Record<string, string[]> = {
  model: [],
  tar: ["model"],
  sources: ["tar", "model"],
  filetree: ["tar", "model"],
  analysis: ["filetree", "tar", "model", "sources", "dockerfile", "lint", "rules", "fix", "report"],
  dockerfile: ["model"],
  rules: ["dockerfile", "model", "fix"],
  lint: ["rules", "dockerfile", "fix", "model"],
  fix: ["model", "dockerfile", "rules", "lint"],
  report: ["model"],
  convert: ["model", "dockerfile", "rules", "fix", "filetree"],
  build: ["model", "sources", "analysis", "fix", "lint", "dockerfile", "report", "convert"],
  dockerignore: ["model", "dockerfile", "report"],
  explore: ["analysis", "filetree", "model", "report"],
  fleet: ["analysis", "filetree", "tar", "sources", "model"],
  slim: ["analysis", "filetree", "tar", "model", "sources", "report"],
  lsp: ["lint", "fix", "rules", "dockerfile", "model"],
  cli: ["*"],
};
const TYPE_ONLY_EXTRA: Record<string, string[]> = {
  report: ["analysis", "lint", "rules", "fix", "filetree"],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory()
      ? files(p)
      : p.endsWith(".ts") && !p.endsWith(".test.ts")
        ? [p]
        : [];
  });
}

describe("import boundaries (DESIGN.md)", () => {
  const src = resolve("src");
  const violations: string[] = [];
  for (const file of files(src)) {
    const folder = relative(src, file).split("/")[0];
    if (folder.includes(".")) continue; // src/index.ts, the library entry, re-exports from everywhere
    if (!MAY_IMPORT[folder]) violations.push(`${folder}/ is not in DESIGN.md's table`);
    const allowed = MAY_IMPORT[folder] ?? [];
    for (const m of readFileSync(file, "utf8").matchAll(
      /^(import|export)(\s+type)?[^"']*from\s+["'](\.[^"']+)["']/gm,
    )) {
      const target = relative(src, resolve(dirname(file), m[3])).split("/")[0];
      if (
        target === folder ||
        target.includes(".") ||
        allowed.includes("*") ||
        allowed.includes(target)
      )
        continue;
      if (m[2] && TYPE_ONLY_EXTRA[folder]?.includes(target)) continue;
      violations.push(`${relative(src, file)} imports ${m[3]}`);
    }
  }
  it("every import points down the table", () => expect([...new Set(violations)]).toEqual([]));
});

describe("version", () => {
  it("matches package.json", async () => {
    const { VERSION } = await import("../src/model/version.js");
    expect(VERSION).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
  });
});

describe("a clone alone runs the tests (issue 13)", () => {
  // CI and new users have the repository only: test data and tools live inside it.
  const roots = ["test", "bench", "scripts", ".ci", "src"].filter((d) => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  });
  const all = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      if (f === "node_modules" || f === "fixtures") return [];
      return statSync(p).isDirectory() ? all(p) : [p];
    });
  const outside = roots
    .flatMap(all)
    .filter((f) => f !== "test/architecture.test.ts")
    .filter((f) => /\.\.\/shared\/|\.\.\/\.\.\/\.\.\/shared/.test(readFileSync(f, "utf8")));
  it("no test, bench, script or CI file reads ../shared", () => expect(outside).toEqual([]));
});
