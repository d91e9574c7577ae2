import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-apt-lists",
  label: "apt package lists",
  advice: "Add `&& rm -rf /var/lib/apt/lists/*` at the end of the RUN that ran `apt-get update`.",
  roots: [/^(var\/lib\/apt\/lists)\//],
  meta: {
    severity: "warning",
    category: "size",
    summary: "apt package lists (/var/lib/apt/lists) left in a layer",
    looksFor: "regular files under /var/lib/apt/lists in each layer's tar, deleted later or not",
    docs: {
      what: "Reports, per layer, the bytes of apt's downloaded package indexes under /var/lib/apt/lists, including those a later layer deletes.",
      why: "`apt-get update` downloads 30–80 MB of indexes that nothing needs at run time. Removing them in a later RUN saves nothing: the bytes stay in the layer that wrote them (docs/guide.md#4-package-installs, #5-layers).",
      example:
        "FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends python3\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends python3 \\\n && rm -rf /var/lib/apt/lists/*\n",
    },
  },
});
