# expect-rules: dockerfile-syntax, runs-as-root
ARG VERSION=3.20
ENV X=1
FROM alpine:${VERSION}
