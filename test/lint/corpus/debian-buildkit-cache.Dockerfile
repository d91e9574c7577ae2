# syntax=docker/dockerfile:1.7
# expect-rules:
FROM debian:bookworm-slim
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends nginx-light
USER www-data
CMD ["nginx", "-g", "daemon off;"]
