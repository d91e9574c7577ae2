import type { LayerEntry } from "../../tar/layer-entry.js";
import type { ImageFacts } from "./facts.js";
import { leftoverDetector } from "./leftovers.js";

/**
 * The .py a .pyc was compiled from: `pkg/__pycache__/mod.cpython-311.opt-1.pyc` → `pkg/mod.py`,
 * legacy `pkg/mod.pyc` → `pkg/mod.py` (PEP 3147).
 */
export function sourceOf(pyc: string): string {
  const m = /^(.*\/)?__pycache__\/([^/.]+)\.[^/]+\.py[co]$/.exec(pyc);
  return m ? `${m[1] ?? ""}${m[2]}.py` : pyc.replace(/\.py[co]$/, ".py");
}

/** Only bytecode the runtime can regenerate counts: a sourceless package needs its .pyc files. */
const regenerable = (e: LayerEntry, facts: ImageFacts): boolean =>
  facts.node(sourceOf(e.path))?.entry?.kind === "file";

export default leftoverDetector({
  id: "leftover-python-bytecode",
  label: "Python bytecode (__pycache__, *.pyc) in site-packages",
  advice:
    "If start-up time does not matter, install with `pip install --no-compile` and set PYTHONDONTWRITEBYTECODE=1; keep them if the app runs as a user that cannot write site-packages and starts often.",
  contains: ["-packages/"],
  roots: [/^((?:.*\/)?(?:site|dist)-packages)\/(?:.*\/)?(?:__pycache__\/[^/]+|[^/]+\.py[co])$/],
  accept: regenerable,
  meta: {
    severity: "info",
    category: "size",
    summary: "compiled Python bytecode kept in site-packages / dist-packages",
    looksFor:
      "*.pyc / *.pyo files and __pycache__ directories below any site-packages or dist-packages whose .py source is in the image",
    docs: {
      what: "Reports, per layer, the bytes of .pyc files that pip or Debian's py3compile wrote next to installed packages, when the .py source they were compiled from is in the image (so Python can regenerate them); sourceless packages are left alone.",
      why: "Bytecode is a cache the interpreter rebuilds from the .py sources; it typically adds 20–40 % to a package's size. It is a trade-off: it speeds up the first import, so this is information, not a fault.",
      example: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
      useInstead:
        "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1\nRUN pip install --no-cache-dir --no-compile flask\n",
    },
  },
});
