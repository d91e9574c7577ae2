import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-python-bytecode",
  label: "Python bytecode (__pycache__, *.pyc) in site-packages",
  advice:
    "If start-up time does not matter, install with `pip install --no-compile` and set PYTHONDONTWRITEBYTECODE=1; keep them if the app runs as a user that cannot write site-packages and starts often.",
  roots: [/^((?:.*\/)?(?:site|dist)-packages)\/(?:.*\/)?(?:__pycache__\/[^/]+|[^/]+\.py[co])$/],
  meta: {
    severity: "info",
    category: "size",
    summary: "compiled Python bytecode kept in site-packages / dist-packages",
    looksFor: "*.pyc / *.pyo files and __pycache__ directories below any site-packages or dist-packages",
    docs: {
      what: "Reports, per layer, the bytes of .pyc files that pip or Debian's py3compile wrote next to installed packages.",
      why: "Bytecode is a cache the interpreter rebuilds from the .py sources; it typically adds 20–40 % to a package's size. It is a trade-off: it speeds up the first import, so this is information, not a fault.",
      example: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
      useInstead: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1\nRUN pip install --no-cache-dir --no-compile flask\n",
    },
  },
});
