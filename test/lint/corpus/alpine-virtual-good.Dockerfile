# expect-rules:
FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps gcc musl-dev make \
 && make -C /usr/src/app \
 && apk del .build-deps
RUN addgroup -S app && adduser -S app -G app
USER app
