# The guide's multi-stage version of the same image.
# expect-rules: runs-as-root
FROM alpine:3.10.2 AS base
RUN apk add --no-cache python3

FROM base AS builder
RUN apk add --no-cache python3-dev gcc libffi-dev openssl-dev build-base
RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install ansible-lint

FROM base
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
ENTRYPOINT ["ansible-lint"]
