# expect-rules: apk-no-cache, apk-virtual-not-deleted, no-multi-stage, unpinned-base-image
FROM alpine
RUN apk update && apk add --virtual .deps gcc musl-dev && gcc -o /usr/local/bin/hello /src/hello.c
USER nobody
