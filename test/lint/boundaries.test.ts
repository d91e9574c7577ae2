import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

/** DESIGN.md's dependency table for the linter's folders: dependencies point down only. */
const ALLOWED: Record<string, string[]> = {
  dockerfile: ["model"],
  rules: ["dockerfile", "model", "fix"],
  lint: ["rules", "dockerfile", "fix", "model"],
  fix: ["model"],
};

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.\.?\/[^"]+)"/g)].map((m) => m[1]);
}

describe("folder boundaries", () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only ${allowed.join(", ")}`, () => {
      const dir = path.join(src, folder);
      for (const name of readdirSync(dir).filter(
        (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
      )) {
        for (const spec of imports(path.join(dir, name))) {
          const target = path.relative(src, path.resolve(dir, spec)).split(path.sep)[0];
          if (target === folder) continue;
          expect(allowed, `${folder}/${name} imports ${spec}`).toContain(target);
        }
      }
    });
  }

  it("report/lint-*.ts imports only model and its own siblings", () => {
    const dir = path.join(src, "report");
    for (const name of readdirSync(dir).filter((f) => f.startsWith("lint-") && f.endsWith(".ts"))) {
      for (const spec of imports(path.join(dir, name)))
        expect(spec, name).toMatch(/^(\.\/lint-|\.\.\/model\/)/);
    }
  });

  it("registering the lint command statically imports no lint code (cold start)", () => {
    const text = readFileSync(path.join(src, "cli/lint.ts"), "utf8");
    const staticImports = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(staticImports.length).toBeGreaterThan(0);
    for (const spec of staticImports)
      expect(spec).not.toMatch(/lint-run|\/(lint|rules|dockerfile|report)\//);
  });
});
