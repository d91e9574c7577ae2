import { rootStage } from "./helpers.js";
import { heavyBase } from "./base-images.js";
import { defineRule } from "./rule.js";
import { slimFix } from "./slim-base.js";

export default defineRule({
  id: "heavy-base-image",
  meta: {
    severity: "warning",
    category: "size",
    summary: "final image built on a full SDK or full distribution image",
    hadolint: [],
    fixable: "unsafe",
    enabledByDefault: true,
    docs: {
      what: "Flags a final image whose base (following `FROM stage` back to an external image, and including stages copied whole with `COPY --from=x / /`) is a full SDK or distribution image: `python:3.12`, `node:20`, `golang`, `rust`, `maven`, a JDK, `debian:bookworm`, …, and names the runtime base docs/guide.md recommends for that language.",
      why: "The base image is the largest single lever on size (docs/guide.md#1-base-images): a full Python or Node image weighs about 1 GB, a slim one a tenth of that, distroless or scratch a few megabytes, with fewer CVEs too.",
      example: 'FROM python:3.12\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      useInstead: 'FROM python:3.12-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      fixSafety:
        "Unsafe: for Docker Hub python, node, ruby, perl and debian images with a known tag scheme, switches to the -slim tag of the same version and release (`python:3.12` → `python:3.12-slim`). A slim image lacks compilers, headers and many libraries the app may need. Other bases (SDKs, JDKs) need a multi-stage build instead.",
    },
  },
  messages: {
    heavy: "the final image is based on {{image}}, {{kind}}; use {{recommend}}",
  },
  create(ctx) {
    return {
      end() {
        const { stages, reachesFinal } = ctx.dockerfile.graph;
        // Roots of the final stage's FROM chain and of stages copied whole (`COPY --from=x / /`).
        const roots = new Set([...reachesFinal].map((s) => rootStage(ctx.dockerfile, s)));
        for (const index of [...roots].sort((a, b) => a - b)) {
          const root = stages[index];
          const heavy = heavyBase(root.image);
          if (heavy)
            ctx.report({
              instr: root.from,
              messageId: "heavy",
              data: { image: root.image.raw, ...heavy },
              fix: slimFix(ctx.dockerfile, root.from, root.image),
            });
        }
      },
    };
  },
});
