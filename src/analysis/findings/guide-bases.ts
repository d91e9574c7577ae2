import type { BaseRecommendation } from "../../model/report.js";

type Suggested = BaseRecommendation["images"][number];

/** docs/guide.md#1-base-images, "Base image" table: runtime bases with their size, shell and libc. */
export const GUIDE_BASES: Record<string, Suggested> = {
  scratch: { ref: "scratch", size: "0 MB", shell: false, libc: "none" },
  "chainguard-static": {
    ref: "cgr.dev/chainguard/static",
    size: "~2 MB",
    shell: false,
    libc: "none",
  },
  "distroless-static": {
    ref: "gcr.io/distroless/static-debian12",
    size: "~2 MB",
    shell: false,
    libc: "none",
  },
  alpine: { ref: "alpine:3.20", size: "~7 MB", shell: true, libc: "musl" },
  "wolfi-base": {
    ref: "cgr.dev/chainguard/wolfi-base",
    size: "~12 MB",
    shell: false,
    libc: "glibc",
  },
  "distroless-base": {
    ref: "gcr.io/distroless/base-debian12",
    size: "~20 MB",
    shell: false,
    libc: "glibc",
  },
  "debian-slim": { ref: "debian:bookworm-slim", size: "~75 MB", shell: true, libc: "glibc" },
};

/** docs/guide.md#1-base-images, "Recommended runtime base per language" (sizes only where the guide gives them). */
export const GUIDE_LANGUAGES: Record<string, { images: Suggested[]; why: string }> = {
  go: {
    images: [GUIDE_BASES.scratch, GUIDE_BASES["distroless-static"]],
    why: "a Go binary built with CGO_ENABLED=0 is static and needs no libc",
  },
  rust: {
    images: [GUIDE_BASES.scratch, GUIDE_BASES["distroless-static"]],
    why: "a Rust binary built for musl is static and needs no libc",
  },
  static: {
    images: [
      GUIDE_BASES["distroless-static"],
      GUIDE_BASES["chainguard-static"],
      GUIDE_BASES.scratch,
    ],
    why: "a static binary needs no libc; distroless/static and chainguard/static add CA certificates, tzdata and a nonroot user",
  },
  native: {
    images: [GUIDE_BASES["distroless-base"], GUIDE_BASES["wolfi-base"]],
    why: "a dynamically linked program needs glibc but no shell or package manager",
  },
  "native-musl": {
    images: [GUIDE_BASES.alpine],
    why: "a program linked against musl needs musl; Alpine is the smallest base that ships it (or link it statically and use distroless/static)",
  },
  java: {
    images: [
      { ref: "gcr.io/distroless/java21-debian12", shell: false, libc: "glibc" },
      { ref: "cgr.dev/chainguard/jre", shell: false, libc: "glibc" },
    ],
    why: "a minimal JRE without a shell runs the jar; the JDK belongs in the builder stage",
  },
  python: {
    images: [
      { ref: "cgr.dev/chainguard/python", shell: false, libc: "glibc" },
      { ref: "python:3.12-slim", shell: true, libc: "glibc" },
    ],
    why: "glibc keeps manylinux wheels (native extensions) working",
  },
  node: {
    images: [
      { ref: "cgr.dev/chainguard/node", shell: false, libc: "glibc" },
      { ref: "node:20-slim", shell: true, libc: "glibc" },
    ],
    why: "glibc avoids musl problems with native addons",
  },
  dotnet: {
    images: [{ ref: "mcr.microsoft.com/dotnet/runtime", shell: true, libc: "glibc" }],
    why: "Microsoft's optimised runtime images",
  },
};
