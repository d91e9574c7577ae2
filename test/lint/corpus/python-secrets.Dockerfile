# expect-rules: secret-in-env-or-arg, runs-as-root
FROM python:3.12-slim
ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305
ARG PYPI_TOKEN=pypi-AgEIcHlwaS5vcmcCJGI0
ENV DJANGO_SECRET_KEY=dev-insecure-key DEBUG=0
RUN pip install --no-cache-dir django
