import { historyPerLayer } from "../../sources/config.js";
import { defineDetector, type DetectedFinding } from "./detector.js";
import type { ImageFacts } from "./facts.js";
import { secretVariable } from "./secrets.js";

/** `|2 NAME=value OTHER=value /bin/sh -c …`: the classic builder and BuildKit record build args of a RUN this way. */
function buildArgs(createdBy: string): [string, string][] {
  const m = /^\|\d+ (.*?) (?:\/bin\/(?:ba)?sh -c|RUN )/s.exec(createdBy);
  if (!m) return [];
  return [...m[1].matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(\S*)/g)].map((a) => [a[1], a[2]]);
}

function detect(facts: ImageFacts): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const env of facts.config.config?.Env ?? []) {
    const eq = env.indexOf("=");
    const name = eq === -1 ? env : env.slice(0, eq);
    const reason = secretVariable(name, eq === -1 ? "" : env.slice(eq + 1));
    if (reason) {
      out.push({
        message: `Environment variable ${name} in the image config looks like a secret (${reason}); its value is readable with \`docker inspect\` by anyone who pulls the image. Pass it at run time (--env-file, orchestrator secrets) or point to a mounted file (${name}_FILE).`,
      });
    }
  }
  const perLayer = historyPerLayer(facts.config);
  (facts.config.history ?? []).forEach((h, i) => {
    const names = buildArgs(h.created_by ?? "")
      .filter(([n, v]) => secretVariable(n, v))
      .map(([n]) => n);
    if (names.length === 0) return;
    const layer = h.empty_layer ? undefined : perLayer.indexOf(h);
    out.push({
      message: `Build argument${names.length === 1 ? "" : "s"} ${names.join(", ")} of history entry ${i} look${names.length === 1 ? "s" : ""} like a secret: ARG values used by RUN are recorded in the image history (\`docker history --no-trunc\`). Use \`RUN --mount=type=secret\` instead.`,
      ...(layer !== undefined && layer >= 0 ? { layer, createdBy: h.created_by ?? "" } : {}),
    });
  });
  return out;
}

export default defineDetector({
  id: "secret-in-config",
  meta: {
    severity: "error",
    category: "security",
    summary: "a secret-looking value in the config's Env or in build arguments recorded in history",
    looksFor:
      "config Env entries whose name says PASSWORD/SECRET/TOKEN/API_KEY… with a real value, or whose value matches a known token format (AWS, GitHub, GitLab, Slack, Stripe, npm, URL with password); `|N NAME=value` build args in history",
    docs: {
      what: "Checks the image config's environment and the build arguments the builder recorded in history, naming the variable but never printing its value.",
      why: "ENV and ARG values are stored in plain text in the image config and history; `docker inspect` and `docker history` show them to anyone who can pull.",
      example:
        'FROM node:20-slim\nARG NPM_TOKEN\nENV API_KEY=sk_live_0123456789abcdefghijklmn\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci\n',
      useInstead:
        "# syntax=docker/dockerfile:1\nFROM node:20-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n# API_KEY is passed at run time: docker run -e API_KEY …\n",
    },
  },
  detect,
});
