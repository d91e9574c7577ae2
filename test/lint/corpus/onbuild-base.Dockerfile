# expect-rules: apt-no-install-recommends, apt-lists-not-removed, pip-no-cache-dir, add-instead-of-copy, runs-as-root
FROM python:3.12-slim
ONBUILD ADD requirements.txt /app/
ONBUILD RUN pip install -r /app/requirements.txt
ONBUILD RUN apt-get update && apt-get install -y libpq5
