# expect-rules: add-instead-of-copy, unpinned-base-image, runs-as-root
FROM busybox
ADD rootfs.tar.gz /
ADD https://example.com/tool.bin /usr/local/bin/tool
ADD config.yaml /etc/tool/
