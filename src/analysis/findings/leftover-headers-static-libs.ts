import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-headers-static-libs",
  label: "C headers and static libraries",
  advice:
    "Install -dev packages and compilers in a builder stage only, and copy the build output into the runtime stage.",
  roots: [
    /^(usr\/(?:local\/)?include)\//,
    /^((?:usr\/(?:local\/)?)?lib[^/]*(?:\/[^/]+)*)\/[^/]+\.a$/,
  ],
  meta: {
    severity: "info",
    category: "size",
    summary: "header files (/usr/include) and static libraries (*.a) in the final image",
    looksFor:
      "regular files under /usr/include and /usr/local/include, and *.a archives under lib directories",
    docs: {
      what: "Reports, per layer, the bytes of C/C++ headers and static archives, which only a compiler reads.",
      why: "They come with -dev packages and toolchains; a running program never opens them (docs/guide.md#2-multi-stage-builds: build dependencies belong in the builder stage).",
      example:
        "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev && pip install --no-cache-dir psycopg2\n",
      useInstead:
        "FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y gcc libpq-dev && pip wheel --no-cache-dir -w /wheels psycopg2\n\nFROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n",
    },
  },
});
