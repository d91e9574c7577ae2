# expect-rules: copy-stage-root, heavy-base-image, build-tools-in-final-stage, runs-as-root
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM scratch
COPY --from=build / /
ENTRYPOINT ["/out/app"]
