import { defineDetector } from "./detector.js";

export default defineDetector({
  id: "exposed-ports",
  meta: {
    severity: "info",
    category: "security",
    summary: "ports the image declares with EXPOSE",
    looksFor: "the image config's ExposedPorts",
    docs: {
      what: "Lists the ports the image declares, noting privileged ports (below 1024), which need root or CAP_NET_BIND_SERVICE to bind.",
      why: "Every listening port is attack surface; a declared port that the app does not use, or a debug port (9229, 5005), should not be there. Privileged ports push an image towards running as root.",
      example: "FROM node:20-slim\nEXPOSE 80 9229\n",
      useInstead: "FROM node:20-slim\nEXPOSE 8080\nUSER node\n",
    },
  },
  detect: (facts) => {
    const ports = Object.keys(facts.config.config?.ExposedPorts ?? {}).sort();
    if (ports.length === 0) return [];
    const privileged = ports.filter((p) => Number(p.split("/")[0]) < 1024);
    const note = privileged.length
      ? ` ${privileged.join(", ")} ${privileged.length === 1 ? "is" : "are"} below 1024: binding needs root or CAP_NET_BIND_SERVICE; listen on a high port instead.`
      : "";
    return [{ message: `The image exposes ${ports.join(", ")}.${note}` }];
  },
});
