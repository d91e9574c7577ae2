import { defineDetector } from "./detector.js";

/** Config `User` values that mean uid 0: empty (the default), `root`, `0`, with or without a group. */
export function isRootUser(user: string | undefined): boolean {
  const u = (user ?? "").trim().split(":")[0];
  return u === "" || u === "root" || u === "0";
}

export default defineDetector({
  id: "root-user",
  meta: {
    severity: "warning",
    category: "security",
    summary: "the image runs as root (config User empty, root or 0)",
    looksFor: "the image config's User field",
    docs: {
      what: "Reports an image whose default user is root, because no USER was set or it was set to root/0.",
      why: "A process running as root inside the container is one kernel or runtime bug away from root on the host, and can modify everything in the image filesystem.",
      example: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
      useInstead:
        'FROM python:3.12-slim\nCOPY app.py /app/\nUSER 65532:65532\nCMD ["python", "/app/app.py"]\n',
    },
  },
  detect: (facts) => {
    const user = facts.config.config?.User ?? "";
    if (!isRootUser(user)) return [];
    const why = user ? `User is "${user}"` : "no USER is set";
    return [
      {
        message: `The image runs as root (${why}). Add \`USER <non-root uid>\` after the last step that needs root (distroless and Chainguard images provide uid 65532 "nonroot").`,
      },
    ];
  },
});
