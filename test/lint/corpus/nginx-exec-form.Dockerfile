# expect-rules: apk-no-cache, runs-as-root
FROM nginx:1.27-alpine
RUN ["/bin/sh", "-c", "apk add curl"]
COPY nginx.conf /etc/nginx/nginx.conf
