import { commandsOf } from "../dockerfile/query.js";
import { APT_VALUE_FLAGS, isAptInstall, packageArgs } from "./packages.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "apt-pin-versions",
  meta: {
    severity: "info",
    category: "correctness",
    summary: "apt-get install without version pins (off by default)",
    hadolint: ["DL3008"],
    fixable: null,
    enabledByDefault: false,
    docs: {
      what: "Flags `apt-get install` of packages without `=version`. Off by default; enable it in `.ballast.yaml` (`lint: { enable: [apt-pin-versions] }`).",
      why: "Pinned versions make builds reproducible. It is off by default because Debian removes old versions from its archive, so pinned Dockerfiles stop building; most users prefer a pinned base image instead.",
      example: "FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    unpinned: "pin the version of {{packages}} (`name=version`)",
  },
  create(ctx) {
    return {
      RUN(instr) {
        const unpinned = commandsOf(instr)
          .filter(isAptInstall)
          .flatMap((c) => packageArgs(c, APT_VALUE_FLAGS))
          .filter(
            (p) =>
              !p.includes("=") &&
              !p.includes("$") &&
              !p.endsWith(".deb") &&
              !p.startsWith("/") &&
              !p.startsWith("."),
          );
        if (unpinned.length > 0)
          ctx.report({ instr, messageId: "unpinned", data: { packages: unpinned.join(", ") } });
      },
    };
  },
});
