// Lint throughput in process (target ≥ 1,000 Dockerfiles/s on a typical 30-line file) and CLI
// cold start (target ≤ 150 ms for `ballast --version`), each next to a floor measured in the same run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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

/** Operations per second over about `seconds`, after a one-second warm-up (JIT). */
async function rate(seconds: number, fn: () => unknown): Promise<number> {
  const warm = performance.now();
  while (performance.now() - warm < 1000) await fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    for (let i = 0; i < 50; i++) await fn();
    n += 50;
  }
  return n / ((performance.now() - t0) / 1000);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall-clock ms of a fresh `node args…`, median of `runs`. */
function coldStart(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr.toString().trim()}`);
  }
  return median(times);
}

const lines = TYPICAL.trimEnd().split("\n").length;
const findings = (await lintText(TYPICAL)).length;
const perSecond = await rate(3, () => lintText(TYPICAL));
const parseFloor = await rate(1, () => DockerfileParser.parse(TYPICAL));
console.log(`lint: ${lines}-line Dockerfile (${findings} findings)`);
console.log(`  linted in process   ${perSecond.toFixed(0).padStart(7)} Dockerfiles/s   target ≥ 1000/s   ${perSecond >= 1000 ? "ok" : "MISSED"}`);
console.log(`  floor: parse only   ${parseFloor.toFixed(0).padStart(7)} Dockerfiles/s   (dockerfile-ast, no shell, no rules)`);

const bin = fileURLToPath(new URL("../bin/ballast.js", import.meta.url));
if (!existsSync(fileURLToPath(new URL("../dist/cli/main.js", import.meta.url)))) {
  console.log("  cold start          skipped: bin/ballast.js imports dist/, run `npm run build` first");
} else {
  const version = coldStart([bin, "--version"], 15);
  const floor = coldStart(["-e", "0"], 15);
  console.log(`  cold start --version ${version.toFixed(0).padStart(6)} ms (median of 15)     target ≤ 150 ms   ${version <= 150 ? "ok" : "MISSED"}`);
  console.log(`  floor: node -e 0    ${floor.toFixed(0).padStart(7)} ms`);
}
