# expect-rules: curl-pipe-shell, unpinned-base-image, runs-as-root
FROM alpine:latest
RUN apk add --no-cache curl bash && curl -fsSL https://get.example.com/install.sh | bash
