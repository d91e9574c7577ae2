import { defineDetector } from "./detector.js";
import { formatBytes, listNames } from "./format.js";
import { packageBytes } from "./package-files.js";
import { TOOLCHAIN_LISTS } from "./toolchain-in-image.js";

const DEV = /-(?:dev|devel)$/;

export default defineDetector({
  id: "dev-packages-in-image",
  captures: [TOOLCHAIN_LISTS],
  meta: {
    severity: "warning",
    category: "size",
    summary:
      "development packages (*-dev, *-devel: headers, static libraries, pkg-config files) installed",
    looksFor:
      "installed packages named *-dev (dpkg, apk) or *-devel (rpm naming) in the package database",
    docs: {
      what: "Lists installed development packages, with the bytes of their files (from dpkg .list files, else the database's installed size).",
      why: "A -dev package exists to compile against a library; at run time only the library package (libpq5, not libpq-dev) is needed.",
      example:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n",
    },
  },
  detect: (facts) => {
    const dev = facts.packages.packages.filter((p) => DEV.test(p.name));
    if (dev.length === 0) return [];
    const { bytes, method, layer } = packageBytes(facts, dev);
    const how = method === "database" ? " (installed size from the package database)" : "";
    return [
      {
        message: `${dev.length} development package${dev.length === 1 ? "" : "s"} installed: ${listNames(dev.map((p) => p.name).sort(), 8)}; ${formatBytes(bytes)}${how}. Install them in a builder stage and keep only the runtime libraries in the final image.`,
        bytes,
        paths: dev.map((p) => `/${p.db}`).filter((p, i, a) => a.indexOf(p) === i),
        layer,
        createdBy: facts.createdBy[layer] ?? "",
      },
    ];
  },
});
