# expect-rules: dockerfile-syntax, runs-as-root
FROM alpine:3.20
RUNN apk add --no-cache curl
COPYY . /app
