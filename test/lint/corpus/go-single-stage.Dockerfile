# expect-rules: heavy-base-image, no-multi-stage, runs-as-root
FROM golang:1.22
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /usr/local/bin/server ./cmd/server
CMD ["server"]
