import { build } from "esbuild";
import { format, resolveConfig } from "prettier";
import { fileURLToPath } from "node:url";

export const ENTRY = fileURLToPath(new URL("../../src/report/html/client.ts", import.meta.url));
export const BUNDLE = fileURLToPath(
  new URL("../../src/report/html/client-bundle.ts", import.meta.url),
);

/**
 * Builds the page script exactly as committed in src/report/html/client-bundle.ts: one
 * minified IIFE with d3-hierarchy inlined. Regenerate with
 * `UPDATE_HTML_CLIENT=1 npx vitest run test/compare/html-client.test.ts`.
 */
export async function buildClientModule(): Promise<string> {
  const out = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  const js = out.outputFiles[0].text.trimEnd();
  const module = [
    "// Generated from client.ts by esbuild (test/compare/html-client-build.ts); do not edit.",
    "// A test fails when this file is older than its sources.",
    `export const CLIENT_JS = ${JSON.stringify(js)};`,
    "",
  ].join("\n");
  // Formatted as the repository formats it, so `prettier --check` passes on the generated file.
  return format(module, { ...(await resolveConfig(BUNDLE)), filepath: BUNDLE });
}
