import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUNDLE, buildClientModule } from "./html-client-build.js";

describe("the HTML report's inline script", () => {
  it("is the esbuild output of client.ts (regenerate with UPDATE_HTML_CLIENT=1)", async () => {
    const built = await buildClientModule();
    if (process.env.UPDATE_HTML_CLIENT) writeFileSync(BUNDLE, built);
    expect(readFileSync(BUNDLE, "utf8")).toBe(built);
  });

  it("cannot end its own <script> element", async () => {
    const { CLIENT_JS } = await import("../../src/report/html/client-bundle.js");
    expect(CLIENT_JS).not.toMatch(/<\/script|<!--/i);
  });
});
