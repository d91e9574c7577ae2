# escape=`
# expect-rules: apt-lists-not-removed, runs-as-root
FROM debian:12-slim
RUN apt-get update `
    && apt-get install -y --no-install-recommends jq
CMD ["jq", "--version"]
