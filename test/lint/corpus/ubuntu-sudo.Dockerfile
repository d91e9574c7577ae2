# expect-rules: sudo-in-run, apt-lists-not-removed, consecutive-run
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends sudo
RUN useradd -m dev && echo 'dev ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/dev
USER dev
RUN sudo apt-get install -y --no-install-recommends git
