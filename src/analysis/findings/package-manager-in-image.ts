import { toolDetector } from "./tools.js";

export default toolDetector({
  id: "package-manager-in-image",
  label: "Package managers",
  names:
    /^(?:apt|apt-get|dpkg|apk|yum|dnf|dnf5|microdnf|rpm|zypper|pip|pip3(?:\.\d+)?|npm|npx|yarn|pnpm|gem|conda)$/,
  advice:
    "Install packages in a builder stage and ship a runtime base without a package manager (distroless, Chainguard, scratch).",
  meta: {
    severity: "info",
    category: "security",
    summary: "a package manager (apt/dpkg, apk, yum/dnf/rpm, pip, npm…) is present",
    looksFor:
      "apt, apt-get, dpkg, apk, yum, dnf, microdnf, rpm, zypper, pip/pip3, npm, npx, yarn, pnpm, gem, conda on the PATH directories",
    docs: {
      what: "Lists the package managers found on the PATH directories, grouped by the layer that added them.",
      why: "A package manager lets an intruder install backdoors and tools in one command; a runtime image never needs one (docs/guide.md#security-what-production-does-not-need).",
      example: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
      useInstead: 'FROM cgr.dev/chainguard/python\nCOPY app.py /app/\nCMD ["/app/app.py"]\n',
    },
  },
});
