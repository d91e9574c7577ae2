# expect-rules: rpm-cache-not-cleaned
FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
RUN microdnf install -y shadow-utils && useradd -u 1001 app
USER 1001
