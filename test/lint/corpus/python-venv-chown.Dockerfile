# expect-rules: chown-in-later-layer, consecutive-run
FROM python:3.12-slim
RUN useradd -m app
WORKDIR /home/app
COPY . .
RUN python -m venv .venv && .venv/bin/pip install --no-cache-dir -r requirements.txt
RUN chown -R app:app /home/app
USER app
CMD [".venv/bin/python", "-m", "app"]
