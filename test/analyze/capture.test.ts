import { describe, expect, it } from "vitest";
import { captureMatcher } from "../../src/analysis/capture.js";
import { CAPTURED } from "../../src/analysis/findings/index.js";

describe("captureMatcher", () => {
  it("matches exactly what testing each pattern would, flags included", () => {
    const patterns = [...CAPTURED, /^Opt\/CASE$/i, /^glob\/.*$/g];
    const match = captureMatcher({ patterns, paths: ["srv/app/server"] });
    const paths = [
      "var/lib/dpkg/status",
      "var/lib/dpkg/status.d/base",
      "etc/os-release",
      "usr/lib/os-release",
      "home/me/.env",
      "home/me/.env.example",
      "a/id_rsa",
      "x/server.pem",
      "core",
      "a/core.12",
      "opt/case",
      "glob/x",
      "glob/y",
      "srv/app/server",
      "srv/app/other",
      "usr/bin/python3",
      "",
    ];
    for (const path of paths)
      expect(match(path), path).toBe(
        path === "srv/app/server" ||
          patterns.some((re) => new RegExp(re.source, re.flags.replace("g", "")).test(path)),
      );
    // A global flag must not make repeated tests skip matches.
    expect([match("glob/x"), match("glob/x"), match("glob/x")]).toEqual([true, true, true]);
  });
});
