# expect-rules: curl-pipe-shell, apt-no-install-recommends, apt-lists-not-removed, heavy-base-image, runs-as-root, no-multi-stage
FROM debian:bookworm
RUN apt-get update && apt-get install -y curl build-essential \
 && curl https://sh.rustup.rs -sSf | sh -s -- -y
ENV PATH=/root/.cargo/bin:$PATH
