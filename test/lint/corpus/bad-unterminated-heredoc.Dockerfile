# expect-rules: dockerfile-syntax, runs-as-root
FROM alpine:3.20
RUN <<EOF
apk add --no-cache curl
echo done
