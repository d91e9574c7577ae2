import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-package-tests",
  label: "test suites inside installed packages",
  advice:
    "Delete them in the RUN that installs the packages (e.g. `find /usr/local/lib/python3*/site-packages -type d -name tests -prune -exec rm -rf {} +`), or prune node_modules with a tool such as `npm prune --omit=dev` plus a cleaner.",
  contains: ["-packages/", "node_modules/", "/python3"],
  roots: [
    /^(.*\/(?:site-packages|dist-packages|node_modules)\/(?:@[^/]+\/)?[^/]+\/(?:[^/]+\/)*?(?:tests?|__tests__))\//,
    /^(usr\/(?:local\/)?lib\/python3(?:\.\d+)?\/test)\//,
  ],
  meta: {
    severity: "info",
    category: "size",
    summary:
      "tests/, test/ and __tests__/ folders of installed Python and npm packages, and CPython's own test suite",
    looksFor:
      "regular files under test, tests or __tests__ directories inside site-packages, dist-packages or node_modules packages, and lib/python3.X/test",
    docs: {
      what: "Reports, per layer, the bytes of test suites that packages ship inside their installed tree.",
      why: "Nothing imports them at run time; numpy, pandas and scipy carry tens of MB of tests, and CPython's own lib/python3.X/test is ~30 MB.",
      example: "FROM python:3.12-slim\nRUN pip install --no-cache-dir pandas\n",
      useInstead:
        "FROM python:3.12-slim\nRUN pip install --no-cache-dir pandas \\\n && find /usr/local/lib/python3.12/site-packages -depth -type d \\( -name tests -o -name test \\) -exec rm -rf {} +\n",
    },
  },
});
