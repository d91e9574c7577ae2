# The guide's pattern: dependencies installed with --target in a -dev builder.
# expect-rules: unpinned-base-image
FROM cgr.dev/chainguard/python:latest-dev AS builder
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir --target=/app/deps -r requirements.txt

FROM cgr.dev/chainguard/python:latest
WORKDIR /app
COPY --from=builder /app/deps /app/deps
COPY src/ .
ENV PYTHONPATH=/app/deps
ENTRYPOINT ["python", "main.py"]
