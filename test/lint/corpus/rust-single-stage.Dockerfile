# expect-rules: heavy-base-image, no-multi-stage, runs-as-root
FROM rust:1.79
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release
CMD ["./target/release/app"]
