import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./build-tools-in-final-stage.js";

ruleTester(rule, {
  valid: [
    "FROM golang AS b\nRUN apt-get install -y gcc && go build -o /app\nFROM debian:bookworm-slim\nCOPY --from=b /app /app\n",
    {
      name: "single stage is no-multi-stage's job",
      code: "FROM debian\nRUN apt-get install -y gcc\n",
    },
    {
      name: "runtime libraries only",
      code: "FROM golang AS b\nRUN go build\nFROM debian\nRUN apt-get install -y --no-install-recommends libpq5\n",
    },
    {
      name: "removed in the same RUN",
      code: "FROM a AS b\nFROM alpine\nRUN apk add --no-cache -t .d gcc && make && apk del .d\n",
    },
  ],
  invalid: [
    {
      code: "FROM golang AS b\nRUN go build -o /app\nFROM debian\nRUN apt-get install -y build-essential\nCOPY --from=b /app /app\n",
      errors: [{ line: 4, message: /installs build-essential/ }],
    },
    {
      name: "base stage shared by builder and final",
      code: "FROM python:3.12-slim AS base\nRUN apt-get install -y gcc\nFROM base AS build\nRUN pip wheel x\nFROM base\n",
      errors: [{ line: 2, messageId: "toolsInFinal" }],
    },
    {
      name: "build in the final stage",
      code: "FROM node AS deps\nRUN npm ci\nFROM node:20-slim\nCOPY --from=deps /app /app\nRUN npm run build\n",
      errors: [{ line: 5 }],
    },
    {
      name: "ONBUILD in the final stage",
      code: "FROM a AS b\nFROM debian\nONBUILD RUN apt-get install -y gcc\n",
      errors: [{ line: 3 }],
    },
  ],
});
