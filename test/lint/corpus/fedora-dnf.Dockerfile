# expect-rules: heavy-base-image, rpm-cache-not-cleaned, runs-as-root
FROM fedora:40
RUN dnf install -y --setopt=install_weak_deps=False python3 python3-pip
CMD ["python3"]
