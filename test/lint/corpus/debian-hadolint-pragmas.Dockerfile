# hadolint global ignore=DL3059
# expect-rules: runs-as-root
FROM debian:bookworm-slim
# hadolint ignore=DL3008,DL3015
RUN apt-get update && apt-get install -y procps && rm -rf /var/lib/apt/lists/*
RUN echo built > /built
CMD ["cat", "/built"]
