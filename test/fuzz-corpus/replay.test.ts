import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import {
  configTarget,
  fixTarget,
  layoutTarget,
  lintTarget,
  tarTarget,
} from "../../fuzz/targets.js";

const dir = path.dirname(fileURLToPath(import.meta.url));
const inputs = readdirSync(dir).filter((f) => /^(dockerfile|fix|tar|config|layout)-/.test(f));

/** Every input the fuzzer ever broke an invariant with, through the same target (fuzz/targets.ts). */
describe("fuzz corpus", () => {
  for (const name of inputs.sort()) {
    it(name, { timeout: 60_000 }, async () => {
      const bytes = readFileSync(path.join(dir, name));
      const target = name.split("-")[0];
      if (target === "tar") tarTarget(bytes);
      else if (target === "config") configTarget(bytes.toString("utf8"));
      else if (target === "fix") await fixTarget(bytes.toString("utf8"));
      else if (target === "layout") await layoutTarget(JSON.parse(bytes.toString("utf8")));
      else await lintTarget(bytes.toString("utf8"));
    });
  }
});
