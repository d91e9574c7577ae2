import { describe, expect, it } from "vitest";
import {
  dockerfileFromHistory,
  historyFindings,
} from "../../src/analysis/dockerfile-from-history.js";
import { lintText } from "../../src/lint/lint.js";
import type { ImageConfig } from "../../src/model/image.js";

function config(n: number): ImageConfig {
  const history = Array.from({ length: n }, (_, i) => ({
    created_by: `/bin/sh -c pip install foo${i} && apt-get update`,
  }));
  return {
    architecture: "amd64",
    os: "linux",
    rootfs: { type: "layers", diff_ids: history.map((_, i) => `sha256:${i}`) },
    history,
  } as ImageConfig;
}

/** Reads of the reconstruction's steps while findings are tied to them: once per finding was quadratic. */
async function stepReads(n: number): Promise<number> {
  const rec = dockerfileFromHistory(config(n));
  const findings = await lintText(rec.text, { file: "history" });
  let reads = 0;
  const steps = new Proxy(rec.steps, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  const out = historyFindings({ ...rec, steps }, findings);
  expect(out.length).toBeGreaterThanOrEqual(2 * n);
  return reads;
}

describe("history lint of a long history (issue 13 §4)", () => {
  it("ties findings to layers in linear work", async () => {
    const small = await stepReads(100);
    const large = await stepReads(400);
    expect(large / small).toBeLessThan(5);
  });
});
