import { toolDetector } from "./tools.js";

export default toolDetector({
  id: "shell-in-image",
  label: "Shells",
  names: /^(?:sh|bash|dash|ash|zsh|ksh|mksh|csh|tcsh|fish|busybox)$/,
  advice:
    "Production needs no shell: a distroless or Chainguard runtime base has none (their :debug tags add one for troubleshooting).",
  meta: {
    severity: "info",
    category: "security",
    summary: "a command shell (sh, bash, dash, ash, busybox…) is present",
    looksFor:
      "sh, bash, dash, ash, zsh, ksh, mksh, csh, tcsh, fish and busybox in /bin, /sbin, /usr/bin, /usr/sbin, /usr/local/bin, /usr/local/sbin",
    docs: {
      what: "Lists the shells found on the PATH directories, grouped by the layer that added them, so a shell from the base is told apart from one you installed.",
      why: "An attacker who gets code execution uses the shell to run anything else; without one, most post-exploitation scripts fail (docs/guide.md#security-what-production-does-not-need). Shell-form RUN/CMD need one, exec-form does not.",
      example: 'FROM debian:bookworm-slim\nCOPY app /app\nCMD ["/app"]\n',
      useInstead: 'FROM gcr.io/distroless/base-debian12\nCOPY app /app\nCMD ["/app"]\n',
    },
  },
});
