import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-go-cache",
  label: "Go build and module cache",
  advice:
    "Build in a separate stage and copy only the binary, or use `--mount=type=cache,target=/root/.cache/go-build`.",
  contains: ["go-build/", "go/pkg/mod/"],
  roots: [/^((?:.*\/)?\.cache\/go-build)\//, /^((?:.*\/)?go\/pkg\/mod)\//],
  meta: {
    severity: "warning",
    category: "size",
    summary: "Go build cache (~/.cache/go-build) or module cache (GOPATH/pkg/mod) left in a layer",
    looksFor: "regular files under .cache/go-build and go/pkg/mod",
    docs: {
      what: "Reports, per layer, the bytes of Go's compiled-object cache and downloaded module sources.",
      why: "Both are build inputs: the binary needs neither. They easily reach hundreds of MB (docs/guide.md#2-multi-stage-builds: build Go in a builder stage, ship it on scratch).",
      example: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
      useInstead:
        "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
    },
  },
});
