# expect-rules: apt-no-install-recommends, no-multi-stage, runs-as-root
FROM php:8.3-apache
RUN apt-get update \
 && apt-get install -y libzip-dev libpng-dev \
 && docker-php-ext-install zip gd \
 && rm -rf /var/lib/apt/lists/*
COPY src/ /var/www/html/
