import { toolDetector } from "./tools.js";

export default toolDetector({
  id: "network-tool-in-image",
  label: "Download and network tools",
  names:
    /^(?:curl|wget|nc|ncat|netcat|nc\.openbsd|nc\.traditional|socat|ssh|scp|sftp|telnet|ftp|tftp|rsync|nmap)$/,
  advice:
    "Fetch what the build needs in a builder stage (or with ADD), and keep curl/wget/nc/ssh out of the runtime image; use an exec-form HEALTHCHECK in the app instead of curl.",
  meta: {
    severity: "warning",
    category: "security",
    summary: "a download or network tool (curl, wget, nc, ssh, socat…) is present",
    looksFor:
      "curl, wget, nc/ncat/netcat, socat, ssh, scp, sftp, telnet, ftp, tftp, rsync, nmap on the PATH directories (busybox applet links included)",
    docs: {
      what: "Lists download and network tools found on the PATH directories, grouped by the layer that added them.",
      why: "They are how an intruder pulls a second-stage payload and exfiltrates data (docs/guide.md#security-what-production-does-not-need); an application does its own HTTP.",
      example:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSLo /app https://example.com/app && chmod +x /app\n",
      useInstead:
        "FROM debian:bookworm-slim AS fetch\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates\nRUN curl -fsSLo /app https://example.com/app && chmod +x /app\n\nFROM gcr.io/distroless/base-debian12\nCOPY --from=fetch /app /app\n",
    },
  },
});
