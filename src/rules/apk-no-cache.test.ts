import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./apk-no-cache.js";

ruleTester(rule, {
  valid: [
    "FROM alpine\nRUN apk add --no-cache curl\n",
    "FROM alpine\nRUN apk --no-cache add curl\n",
    "FROM alpine\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n",
    {
      name: "cache mount",
      code: "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n",
    },
    {
      name: "builder stage (DL3019 differs)",
      code: "FROM alpine AS b\nRUN apk add gcc\nFROM alpine\nCOPY --from=b /out /out\n",
    },
    "FROM alpine\nRUN apk del curl\n",
  ],
  invalid: [
    {
      code: "FROM alpine\nRUN apk add curl\n",
      errors: [{ line: 2, messageId: "missing" }],
      output: "FROM alpine\nRUN apk add --no-cache curl\n",
    },
    {
      code: "FROM alpine\nRUN apk update \\\n && apk add -U curl\n",
      errors: [{ line: 2 }],
      output: "FROM alpine\nRUN apk add --no-cache -U curl\n",
    },
    {
      name: "ONBUILD",
      code: "FROM alpine\nONBUILD RUN apk add curl\n",
      errors: [{ line: 2 }],
      output: "FROM alpine\nONBUILD RUN apk add --no-cache curl\n",
    },
    {
      name: "an apk update alone in its RUN goes with it",
      code: "FROM alpine\nRUN apk update\n# tools\nRUN apk add --virtual .b gcc && make && apk del .b\n",
      errors: [{ line: 2 }, { line: 4 }],
      output:
        "FROM alpine\n# tools\nRUN apk add --no-cache --virtual .b gcc && make && apk del .b\n",
    },
    {
      name: "a builder stage's later apk add still reads the index: no fix",
      code: "FROM alpine AS base\nRUN apk update && apk add curl\nFROM base AS build\nRUN apk add gcc\nFROM base\nCOPY --from=build /o /o\n",
      errors: [{ line: 2 }],
    },
    {
      name: "apk update after || stays (the chain would change meaning): no fix",
      code: "FROM alpine\nRUN true || apk update && apk add curl\n",
      errors: [{ line: 2 }],
    },
    {
      name: "apk update before a --no-cache add",
      code: "FROM alpine\nRUN apk update && apk add --no-cache curl\n",
      errors: [{ line: 2, messageId: "update" }],
      output: "FROM alpine\nRUN apk add --no-cache curl\n",
    },
    {
      name: "one finding per RUN",
      code: "FROM alpine\nRUN apk add a && apk add b\nRUN apk add c\n",
      errors: [{ line: 2 }, { line: 3 }],
      output:
        "FROM alpine\nRUN apk add --no-cache a && apk add --no-cache b\nRUN apk add --no-cache c\n",
    },
  ],
});
