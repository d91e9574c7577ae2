# expect-rules: curl-pipe-shell, runs-as-root, apt-lists-not-removed
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends curl \
 && curl -sSL https://install.python-poetry.org | python3 -
ENV PATH="/root/.local/bin:$PATH"
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry install --only main --no-root
