# syntax=docker/dockerfile:1
# expect-rules: apt-no-install-recommends, runs-as-root
FROM ubuntu:22.04
RUN <<EOF
set -eux
apt-get update
apt-get install -y python3
rm -rf /var/lib/apt/lists/*
EOF
COPY <<EOT /etc/motd
Welcome.
EOT
