# expect-rules: heavy-base-image, pip-no-cache-dir, runs-as-root
FROM python:3.12
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
