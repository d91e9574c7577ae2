FROM debian
ADD rootfs.tar.xz /
ADD rootfs.gz /
