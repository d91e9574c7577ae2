import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-temp-files",
  label: "files in temporary directories",
  advice:
    "Remove downloads and build files in the same RUN that created them (`rm -rf /tmp/*`), or use a builder stage.",
  roots: [/^(tmp|var\/tmp)\//],
  meta: {
    severity: "warning",
    category: "size",
    summary: "files left in /tmp or /var/tmp",
    looksFor: "regular files under /tmp and /var/tmp in each layer",
    docs: {
      what: "Reports, per layer, the bytes of files a build left in the temporary directories.",
      why: "Downloaded archives and build trees in /tmp are typical forgotten bytes; at run time /tmp is usually a fresh tmpfs anyway.",
      example:
        "FROM debian:bookworm-slim\nADD https://example.com/tool.tar.gz /tmp/\nRUN tar -xzf /tmp/tool.tar.gz -C /usr/local\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local\n",
    },
  },
});
