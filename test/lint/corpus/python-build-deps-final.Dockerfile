# expect-rules: build-tools-in-final-stage, runs-as-root
FROM python:3.12-slim AS wheels
RUN pip wheel --no-cache-dir -w /wheels psycopg2-binary

FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*
COPY --from=wheels /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
