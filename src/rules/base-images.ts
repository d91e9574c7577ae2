import type { ImageRef } from "../dockerfile/model.js";

/** A full SDK or distribution image and the runtime base docs/guide.md recommends instead. */
export interface HeavyBase {
  kind: string;
  recommend: string;
}

const slimTag = (tag: string | null) =>
  tag !== null && /(slim|alpine|minimal|distroless)/.test(tag);
const STATIC = "scratch or gcr.io/distroless/static (~2 MB) for the static binary";
const JAVA = "gcr.io/distroless/java21 or cgr.dev/chainguard/jre (a JRE, no shell)";

const TABLE: { test: (ref: ImageRef) => boolean; base: HeavyBase }[] = [
  { test: (r) => r.name === "golang", base: { kind: "the Go SDK (~800 MB)", recommend: STATIC } },
  {
    test: (r) => r.name === "rust",
    base: { kind: "the Rust toolchain (~1.5 GB)", recommend: STATIC },
  },
  {
    test: (r) => r.name === "gcc" || r.name === "buildpack-deps",
    base: { kind: "a compiler image", recommend: "debian:bookworm-slim (~75 MB) or distroless" },
  },
  {
    test: (r) => r.name === "python" && !slimTag(r.tag),
    base: {
      kind: "the full Python image (~1 GB)",
      recommend: "python:3.12-slim or cgr.dev/chainguard/python (glibc for native extensions)",
    },
  },
  {
    test: (r) => r.name === "node" && !slimTag(r.tag),
    base: {
      kind: "the full Node.js image (~1.1 GB)",
      recommend: "node:20-slim or cgr.dev/chainguard/node (avoids musl problems)",
    },
  },
  {
    test: (r) => r.name === "maven" || r.name === "gradle",
    base: { kind: "a JDK build image", recommend: JAVA },
  },
  {
    test: (r) =>
      ["openjdk", "amazoncorretto", "sapmachine"].includes(r.name) ||
      (["eclipse-temurin", "ibm-semeru-runtimes", "azul/zulu-openjdk"].includes(r.name) &&
        !/jre/.test(r.tag ?? "")),
    base: { kind: "a JDK used as runtime", recommend: JAVA },
  },
  {
    test: (r) => r.name === "dotnet/sdk" && r.registry === "mcr.microsoft.com",
    base: { kind: "the .NET SDK", recommend: "mcr.microsoft.com/dotnet/runtime or aspnet" },
  },
  {
    test: (r) => r.name === "debian" && !slimTag(r.tag),
    base: {
      kind: "full Debian",
      recommend: "debian:bookworm-slim (~75 MB), or distroless/Chainguard for the app",
    },
  },
  {
    test: (r) => ["ruby", "perl"].includes(r.name) && !slimTag(r.tag),
    base: { kind: "a full language image", recommend: "its -slim variant" },
  },
  {
    test: (r) =>
      ["fedora", "centos", "rockylinux", "almalinux", "oraclelinux"].includes(r.name) &&
      !slimTag(r.tag),
    base: {
      kind: "a full distribution",
      recommend: "a -minimal variant (ubi-minimal, fedora-minimal) or distroless",
    },
  },
];

/** The heavy-base entry for an image, or null when it is already a runtime-sized base. */
export function heavyBase(ref: ImageRef): HeavyBase | null {
  if (ref.dynamic) return null;
  const hit = TABLE.find((t) => t.test(ref));
  return hit ? hit.base : null;
}
