# expect-rules: apt-no-install-recommends, apt-lists-not-removed, runs-as-root, consecutive-run, cleanup-in-later-layer
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl ca-certificates
RUN rm -rf /var/lib/apt/lists/*
CMD ["curl", "--version"]
