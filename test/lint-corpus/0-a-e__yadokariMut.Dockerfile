# --- Stage 1: Build Frontend ---
FROM node:20-alpine AS frontend-builder
WORKDIR /frontend

# Install pnpm
RUN npm install -g pnpm

# Copy package files and install dependencies
COPY frontend/package.json frontend/pnpm-lock.yaml* frontend/pnpm-workspace.yaml* ./
RUN pnpm install --frozen-lockfile

# Copy frontend source and build
COPY frontend/ ./
RUN pnpm build

# --- Stage 2: Final Python Image ---
FROM python:3.11-slim
WORKDIR /app

# Install system dependencies (SQLite3 is needed)
RUN apt-get update && apt-get install -y --no-install-recommends \
    sqlite3 \
    && rm -rf /var/lib/apt/lists/*

# Install python dependencies
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# Copy source code and config
COPY src/ ./src/
COPY config.json .

# Copy built frontend assets from Stage 1
COPY --from=frontend-builder /frontend/dist ./frontend/dist

# Expose port 8000 for FastAPI
EXPOSE 8000

# Checkpoint / 永続データ用ディレクトリ
RUN mkdir -p /app/data

# Set environment variables
ENV PYTHONUNBUFFERED=1
ENV YADOKARIMUT_CHECKPOINT_DB=/app/data/agent_checkpoints.db
ENV PYTHONPATH=/app/src
ENV TZ=Asia/Tokyo

# Run uvicorn server with increased keep-alive for SSE streaming
# (モジュール名はテストと同一のフラット名。PYTHONPATH=/app/src で解決)
CMD ["uvicorn", "web_server:app", "--host", "0.0.0.0", "--port", "8000", "--timeout-keep-alive", "120", "--proxy-headers"]
