FROM wyveo/nginx-php-fpm:php82

LABEL MAINAINER nguyen.dev@gamail.com