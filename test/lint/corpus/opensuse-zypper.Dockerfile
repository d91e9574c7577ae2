# expect-rules: rpm-cache-not-cleaned, runs-as-root
FROM opensuse/leap:15.6
RUN zypper --non-interactive install --no-recommends curl
