import type { LayerEntry } from "../../tar/layer-entry.js";
import { defineDetector, type DetectedFinding } from "./detector.js";
import type { ImageFacts } from "./facts.js";
import { listNames } from "./format.js";
import { secretInText, secretVariable } from "./secrets.js";

/** Credential files by name, each with the content test that shows it holds a credential. */
const FILES: [RegExp, (text: string) => string | undefined][] = [
  [/(?:^|\/)\.env(?:\.(?!example$|sample$|template$|dist$)[\w-]+)?$/, envFile],
  [
    /(?:^|\/)\.npmrc$/,
    (t) => (/(?:_authToken|_auth|_password)\s*=\s*\S/.test(t) ? "npm auth token" : undefined),
  ],
  [/(?:^|\/)\.pypirc$/, (t) => (/^\s*password\s*[=:]\s*\S/m.test(t) ? "PyPI password" : undefined)],
  [/(?:^|\/)\.netrc$/, (t) => (/\bpassword\s+\S/.test(t) ? "netrc password" : undefined)],
  [
    /(?:^|\/)\.git-credentials$/,
    (t) => (/:\/\/[^\s:@]+:[^\s@]+@/.test(t) ? "git credentials" : undefined),
  ],
  [
    /(?:^|\/)\.aws\/credentials$/,
    (t) => (/aws_secret_access_key\s*=\s*\S/.test(t) ? "AWS secret key" : undefined),
  ],
  [
    /(?:^|\/)\.docker\/config\.json$/,
    (t) => (/"auth"\s*:\s*"[^"]+"/.test(t) ? "registry auth" : undefined),
  ],
  [
    /(?:^|\/)\.kube\/config$/,
    (t) =>
      /\b(?:token|client-key-data|password):\s*\S/.test(t) ? "Kubernetes credentials" : undefined,
  ],
  [/(?:^|\/)\.pgpass$/, (t) => (t.trim() ? "PostgreSQL password file" : undefined)],
  [
    /\.json$/,
    (t) =>
      /"type"\s*:\s*"service_account"/.test(t) && /"private_key"/.test(t)
        ? "GCP service-account key"
        : undefined,
  ],
];

function envFile(text: string): string | undefined {
  for (const line of text.split("\n")) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*['"]?(.*?)['"]?\s*$/.exec(line);
    if (m && secretVariable(m[1], m[2])) return `secret in .env (${m[1]})`;
  }
  return undefined;
}

/** GCP keys can have any .json name: only JSON files outside package trees are read. */
const CAPTURES = [
  ...FILES.slice(0, -1).map(([re]) => re),
  /^(?:root|home\/[^/]+|app|srv|opt\/[^/]+|etc\/[^/]+)\/[^/]*(?:credential|service[-_]?account|key)[^/]*\.json$/i,
];

function why(e: LayerEntry): string | undefined {
  if (e.kind !== "file" || !e.content) return undefined;
  const text = e.content.toString("utf8");
  for (const [name, test] of FILES) if (name.test(e.path)) return test(text) ?? secretInText(text);
  return undefined;
}

function detect(facts: ImageFacts): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  facts.scan.layers.forEach((read, layer) => {
    const hits = read.entries.flatMap((e) => {
      const reason = why(e);
      return reason ? [{ e, reason, deleted: facts.node(e.path)?.entry !== e }] : [];
    });
    if (hits.length === 0) return;
    const list = hits.map(
      (h) =>
        `/${h.e.path} (${h.reason}${h.deleted ? ", deleted by a later layer yet still in this one" : ""})`,
    );
    out.push({
      message: `Credential file${hits.length === 1 ? "" : "s"} in the layer: ${listNames(list, 5)}. Keep them out of the build context (.dockerignore) and pass credentials with \`RUN --mount=type=secret\`; rotate anything that was pushed.`,
      bytes: hits.reduce((s, h) => s + h.e.size, 0),
      paths: hits.map((h) => `/${h.e.path}`),
      layer,
      createdBy: facts.createdBy[layer] ?? "",
    });
  });
  return out;
}

export default defineDetector({
  id: "secret-file-in-image",
  captures: CAPTURES,
  meta: {
    severity: "error",
    category: "security",
    summary:
      "a credential file (.env, .npmrc, .pypirc, .netrc, .git-credentials, cloud/registry/kube config) holds a secret",
    looksFor:
      ".env, .npmrc, .pypirc, .netrc, .git-credentials, .aws/credentials, .docker/config.json, .kube/config, .pgpass and service-account JSON keys, each checked by content, in every layer",
    docs: {
      what: "Finds credential files by name and confirms by content (an auth token, a password line, a known token format), in every layer including files deleted later.",
      why: "Files copied with `COPY . .` or written during the build for a private registry stay in their layer forever; anyone who pulls the image can read them.",
      example:
        "FROM node:20-slim\nWORKDIR /app\nCOPY .npmrc package*.json ./\nRUN npm ci && rm .npmrc\n",
      useInstead:
        "# syntax=docker/dockerfile:1\nFROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci\n",
    },
  },
  detect,
});
