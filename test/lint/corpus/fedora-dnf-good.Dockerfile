# expect-rules:
FROM registry.fedoraproject.org/fedora-minimal:40
RUN microdnf install -y --nodocs python3 && microdnf clean all
USER 1001
CMD ["python3"]
