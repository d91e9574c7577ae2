import { defineRule } from "./rule.js";
import { multiStageSkeleton } from "./multi-stage-skeleton.js";
import { keptToolchain } from "./toolchain.js";

export default defineRule({
  id: "no-multi-stage",
  meta: {
    severity: "warning",
    category: "size",
    summary: "single-stage Dockerfile that installs or runs build toolchains and keeps them",
    hadolint: [],
    fixable: "display-only",
    enabledByDefault: true,
    docs: {
      what: "Flags a single-stage Dockerfile whose image keeps a build toolchain: it installs compilers, `build-essential`/`build-base` or `*-dev` packages without removing them in the same RUN, or runs a build (`go build`, `cargo build`, `mvn`, `gradle`, `make`, `npm run build`, …) without removing its toolchain in that RUN.",
      why: "Multi-stage builds are the most effective single technique (50–80 % smaller, docs/guide.md#2-multi-stage-builds): build in one stage, copy only the result into a small runtime image. The `apk add --virtual .build-deps … && apk del .build-deps` same-RUN pattern is the single-stage alternative.",
      example: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
      useInstead:
        'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nCMD ["/app"]\n',
      fixSafety:
        "Display-only: `ballast fix` prints a two-stage skeleton for the detected language (Go, Rust, Java, Node, Python, C) following docs/guide.md#2-multi-stage-builds, never applied: splitting stages needs to know which files the program needs at run time.",
    },
  },
  messages: {
    singleStage:
      "single-stage image {{what}} and keeps the toolchain; build in a separate stage and copy only the result",
  },
  create(ctx) {
    return {
      end() {
        const { stages } = ctx.dockerfile.graph;
        if (stages.length !== 1) return;
        for (const instr of stages[0].instructions) {
          if (instr.keyword !== "RUN" || instr.onbuild) continue;
          const what = keptToolchain(instr);
          if (!what) continue;
          const skeleton = multiStageSkeleton(ctx.dockerfile);
          ctx.report({
            instr,
            messageId: "singleStage",
            data: { what },
            fix: {
              applicability: "display-only",
              description: `a multi-stage skeleton for ${skeleton.language}`,
              edits: [{ start: 0, end: ctx.dockerfile.text.length, text: skeleton.text }],
            },
          });
          return;
        }
      },
    };
  },
});
