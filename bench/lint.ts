// Lint throughput in process (target ≥ 1,000 Dockerfiles/s on a typical 30-line file) and CLI
// cold start (target ≤ 150 ms for `ballast --version`), each next to a floor measured in the same run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DockerfileParser } from "dockerfile-ast";
import { lintText } from "../src/lint/lint.js";

const TYPICAL = `# syntax=docker/dockerfile:1
ARG NODE_VERSION=20
FROM node:\${NODE_VERSION}-bookworm-slim AS base
ENV NODE_ENV=production
WORKDIR /app

FROM base AS build
RUN apt-get update \\
 && apt-get install -y --no-install-recommends python3 make g++ \\
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --include=dev
COPY . .
RUN npm run build && npm prune --omit=dev

FROM base
RUN apt-get update && apt-get install -y curl tini
RUN groupadd -r app && useradd -r -g app app
COPY --from=build --chown=app:app /app/node_modules ./node_modules
COPY --from=build --chown=app:app /app/dist ./dist
COPY package.json ./
ENV API_TOKEN=changeme-in-prod PORT=8080
RUN curl -fsSL https://example.com/agent.sh | sh
RUN chmod -R g+w /app/dist
# hadolint ignore=DL3059
RUN echo "built" > /app/BUILD
EXPOSE 8080
HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/health || exit 1
USER app
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server.js"]
`;

/**
 * Operations per second: best of `windows` one-second windows after a one-second warm-up (JIT),
 * as wall-clock and as this process's CPU time (the machine is shared and noisy).
 */
async function rate(windows: number, fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const warm = performance.now();
  while (performance.now() - warm < 1000) await fn();
  let wall = 0;
  let cpu = 0;
  for (let w = 0; w < windows; w++) {
    let n = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    while (performance.now() - t0 < 1000) {
      for (let i = 0; i < 20; i++) await fn();
      n += 20;
    }
    const used = process.cpuUsage(c0);
    wall = Math.max(wall, n / ((performance.now() - t0) / 1000));
    cpu = Math.max(cpu, n / ((used.user + used.system) / 1e6));
  }
  return { wall, cpu };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall-clock ms of a fresh `node args…`, median of `runs` (exit 1 is findings, not failure). */
function coldStart(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr.toString().trim()}`);
  }
  return median(times);
}

const lines = TYPICAL.trimEnd().split("\n").length;
const findings = (await lintText(TYPICAL)).length;
const lint = await rate(5, () => lintText(TYPICAL));
const floor = await rate(2, () => DockerfileParser.parse(TYPICAL));
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
console.log(
  `lint: ${lines}-line Dockerfile, ${findings} findings; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`,
);
console.log(
  `  linted in process   ${lint.wall.toFixed(0).padStart(7)} Dockerfiles/s wall (best 1 s of 5)   target ≥ 1000/s   ${verdict(lint.wall >= 1000)}`,
);
console.log(
  `                      ${lint.cpu.toFixed(0).padStart(7)} Dockerfiles/s per CPU-second`,
);
console.log(
  `  floor: parse only   ${floor.wall.toFixed(0).padStart(7)} Dockerfiles/s wall (dockerfile-ast alone: no shell, no rules)`,
);

// The corpus of real public Dockerfiles (test/lint-corpus, issue 17): every file linted once per pass.
const corpusDir = fileURLToPath(new URL("../test/lint-corpus/", import.meta.url));
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith(".Dockerfile"))
  .map((f) => readFileSync(join(corpusDir, f), "utf8"));
let next = 0;
const corpusLint = await rate(5, () => lintText(corpus[next++ % corpus.length]));
const corpusParse = await rate(3, () => DockerfileParser.parse(corpus[next++ % corpus.length]));
console.log(
  `  corpus: ${corpus.length} real Dockerfiles (test/lint-corpus), ${(corpus.reduce((n, t) => n + t.length, 0) / corpus.length / 1024).toFixed(1)} KiB on average`,
);
console.log(
  `  linted in process   ${corpusLint.wall.toFixed(0).padStart(7)} files/s wall (best 1 s of 5)   target ≥ 1000/s   ${verdict(corpusLint.wall >= 1000)}`,
);
console.log(
  `  floor: parse only   ${corpusParse.wall.toFixed(0).padStart(7)} files/s wall   lint costs ${(corpusParse.wall / corpusLint.wall).toFixed(1)}× the parse`,
);

// Linear in instruction count: time per instruction for a 200- and a 3,200-instruction file.
const unit = "RUN apt-get update && apt-get install -y curl\nCOPY a /a\nENV A=1\nRUN rm -rf /a/b\n";
const big = (n: number) => `FROM debian:12\n${unit.repeat(n / 4)}USER app\n`;
const perInstr = async (n: number) => {
  const text = big(n);
  const r = await rate(2, () => lintText(text));
  return 1e6 / (r.wall * n);
};
const small = await perInstr(200);
const large = await perInstr(3200);
console.log(
  `  linearity           ${small.toFixed(2)} µs/instruction at 200, ${large.toFixed(2)} at 3,200   ratio ${(large / small).toFixed(2)} (linear ≈ 1; quadratic would be 16)   ${verdict(large / small < 2)}`,
);

const bin = fileURLToPath(new URL("../bin/ballast.js", import.meta.url));
if (!existsSync(fileURLToPath(new URL("../dist/cli/main.js", import.meta.url)))) {
  console.log(
    "  cold start          skipped: bin/ballast.js imports dist/, run `npm run build` first",
  );
} else {
  const version = coldStart([bin, "--version"], 15);
  const floor = coldStart(["-e", "0"], 15);
  console.log(
    `  cold start --version ${version.toFixed(0).padStart(6)} ms (median of 15)   target ≤ 150 ms   ${verdict(version <= 150)}`,
  );
  console.log(`  floor: node -e 0    ${floor.toFixed(0).padStart(7)} ms`);
  // The whole command on the typical file, shell parsing included (its wasm start-up and exit).
  const file = join(mkdtempSync(join(tmpdir(), "ballast-bench-lint-")), "Dockerfile");
  writeFileSync(file, TYPICAL);
  const whole = coldStart([bin, "lint", file], 7);
  console.log(
    `  ballast lint FILE   ${whole.toFixed(0).padStart(7)} ms (median of 7, cold process)`,
  );
}
