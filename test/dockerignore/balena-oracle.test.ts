import m from "@balena/dockerignore";
import { describe, expect, it } from "vitest";
import { isExcluded, parseDockerignore } from "../../src/dockerignore/patterns.js";

// LIBRARIES.md (k): the .d.ts says `export default`, the module is CommonJS `module.exports = factory`.
const balena = m as unknown as typeof m.default;

/** Small deterministic generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTS = ["a", "b", "foo", "x.md", "*", "**", "?", "*.md", "[ab]", "logs", "!"];
const NAMES = ["a", "b", "foo", "barfoo", "x.md", "README.md", "logs", "c.log"];

/**
 * @balena/dockerignore agrees with Docker everywhere but the `**x` suffix quirk (LIBRARIES.md (k)).
 * Thousands of random pattern sets: both of ballast's readings must equal balena's wherever no
 * pattern is flagged as read differently by builders.
 */
describe("ballast's matcher against @balena/dockerignore", () => {
  it("agrees on random pattern sets, differing only through flagged **x patterns", () => {
    const next = random(42);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    let compared = 0;
    let quirks = 0;
    for (let n = 0; n < 3000; n++) {
      const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
        const depth = 1 + Math.floor(next() * 3);
        let p = Array.from({ length: depth }, () => pick(PARTS.slice(0, -1))).join("/");
        if (next() < 0.2) p = `**${pick(["foo", "a", ".md"])}`;
        return next() < 0.25 ? `!${p}` : p;
      });
      const paths = Array.from({ length: 4 }, () =>
        Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(NAMES)).join("/"),
      );
      let docker, buildah;
      try {
        docker = parseDockerignore(lines.join("\n"), "docker");
        buildah = parseDockerignore(lines.join("\n"), "buildah");
      } catch {
        continue;
      }
      const ref = balena().add(lines);
      for (const p of paths) {
        compared++;
        const expected = ref.ignores(p);
        const flagged = docker.some((d) => d.buildersDisagree);
        // balena checks a `**x` pattern against one parent only (moby's old Matches); both readings
        // differ from it there, and only there.
        if (!flagged) {
          expect(isExcluded(docker, p), `${JSON.stringify(lines)} ${p}`).toBe(expected);
          expect(isExcluded(buildah, p), `${JSON.stringify(lines)} ${p}`).toBe(expected);
        } else if (isExcluded(docker, p) !== expected) quirks++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(quirks).toBeGreaterThan(0);
  });
});
