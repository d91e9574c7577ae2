import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-cargo-cache",
  label: "Cargo registry and git cache",
  advice:
    "Build in a builder stage and copy only the binary, or use a BuildKit cache mount for $CARGO_HOME/registry.",
  contains: ["cargo/registry/", "cargo/git/"],
  roots: [/^((?:.*\/)?(?:\.cargo|cargo)\/(?:registry|git))\//],
  meta: {
    severity: "warning",
    category: "size",
    summary: "Cargo registry index, crate sources or git checkouts left in a layer",
    looksFor:
      "regular files under .cargo/registry, .cargo/git and $CARGO_HOME (/usr/local/cargo) registry and git",
    docs: {
      what: "Reports, per layer, the bytes of Cargo's crate index, downloaded crates and git dependencies.",
      why: "They are build inputs; a Rust binary needs none of them at run time (docs/guide.md#recommended-runtime-base-per-language: Rust on scratch or distroless/static).",
      example: 'FROM rust:1.79\nCOPY . /src\nRUN cargo install --path /src\nCMD ["app"]\n',
      useInstead:
        'FROM rust:1.79 AS build\nCOPY . /src\nRUN cargo build --release --manifest-path /src/Cargo.toml\n\nFROM gcr.io/distroless/cc\nCOPY --from=build /src/target/release/app /app\nCMD ["/app"]\n',
    },
  },
});
