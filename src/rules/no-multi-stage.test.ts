import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./no-multi-stage.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
    {
      name: "virtual deps removed in the same RUN",
      code: "FROM alpine\nRUN apk add --no-cache --virtual .b gcc musl-dev && make && apk del .b\n",
    },
    {
      name: "apt purge in the same RUN",
      code: "FROM debian\nRUN apt-get install -y gcc make && make && apt-get purge -y --auto-remove gcc make\n",
    },
    {
      name: "build deps in a variable, purged",
      code: "FROM debian\nRUN deps='gcc libc6-dev' && apt-get install -y $deps && make && apt-get purge -y $deps\n",
    },
    {
      name: "multi-stage",
      code: "FROM golang AS b\nRUN go build -o /app\nFROM scratch\nCOPY --from=b /app /app\n",
    },
    "FROM debian\nRUN apt-get install -y --no-install-recommends ca-certificates libpq5\n",
    {
      name: "official-image idiom: apt-mark auto, then purge --auto-remove",
      code: "FROM debian\nRUN saved=\"$(apt-mark showmanual)\"; apt-get install -y gcc make; make; apt-mark auto '.*' > /dev/null; apt-mark manual $saved; apt-get purge -y --auto-remove\n",
    },
    "FROM node\nRUN npm ci --omit=dev\n",
  ],
  invalid: [
    {
      code: "FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n",
      errors: [{ line: 3, message: /runs go build/ }],
    },
    {
      code: "FROM debian\nRUN apt-get install -y build-essential libpq-dev\n",
      errors: [{ line: 2, message: /installs build-essential, libpq-dev/ }],
    },
    {
      name: "apk del in a later RUN",
      code: "FROM alpine\nRUN apk add --virtual .b gcc musl-dev\nRUN apk del .b\n",
      errors: [{ line: 2, messageId: "singleStage" }],
    },
    {
      code: "FROM node:20\nRUN npm ci && npm run build\n",
      errors: [{ line: 2, message: /npm run build/ }],
    },
    { code: "FROM maven:3-eclipse-temurin-21\nRUN mvn -B package\n", errors: [{ line: 2 }] },
    {
      code: "FROM fedora\nRUN dnf install -y gcc python3-devel && dnf clean all\n",
      errors: [{ line: 2 }],
    },
    {
      name: "reported once",
      code: "FROM rust\nRUN cargo build --release\nRUN cargo build\n",
      errors: [{ line: 2 }],
    },
  ],
});
