import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-pip-cache",
  label: "pip cache",
  advice: "Use `pip install --no-cache-dir …` (or set PIP_NO_CACHE_DIR=1) in that RUN.",
  contains: [".cache/pip/"],
  roots: [/^((?:.*\/)?\.cache\/pip)\//],
  meta: {
    severity: "warning",
    category: "size",
    summary: "pip's download and wheel cache (~/.cache/pip) left in a layer",
    looksFor: "regular files under any .cache/pip directory (root's, a user's, or $XDG_CACHE_HOME)",
    docs: {
      what: "Reports, per layer, the bytes of pip's HTTP and wheel cache.",
      why: "pip keeps every downloaded wheel a second time in its cache; for scientific stacks that doubles hundreds of MB (docs/guide.md#4-package-installs).",
      example: "FROM python:3.12-slim\nRUN pip install requests\n",
      useInstead: "FROM python:3.12-slim\nRUN pip install --no-cache-dir requests\n",
    },
  },
});
