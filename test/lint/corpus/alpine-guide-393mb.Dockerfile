# The guide's single-stage example: build deps removed in a separate RUN.
# expect-rules: apk-virtual-not-deleted, no-multi-stage, cleanup-in-later-layer, apk-no-cache, pip-no-cache-dir, runs-as-root, consecutive-run
FROM alpine:3.10.2
RUN apk add --update --virtual .build-deps python3-dev gcc libffi-dev openssl-dev build-base
RUN pip3 install ansible-lint
RUN apk del .build-deps
ENTRYPOINT ["ansible-lint"]
