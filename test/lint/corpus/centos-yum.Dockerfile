# expect-rules: heavy-base-image, rpm-cache-not-cleaned, cleanup-in-later-layer, consecutive-run, runs-as-root
FROM centos:7
RUN yum install -y httpd
RUN yum clean all
EXPOSE 80
CMD ["httpd", "-DFOREGROUND"]
