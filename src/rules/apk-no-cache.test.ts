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
    { code: "FROM alpine\nRUN apk add curl\n", errors: [{ line: 2, messageId: "missing" }] },
    { code: "FROM alpine\nRUN apk update \\\n && apk add -U curl\n", errors: [{ line: 2 }] },
    { name: "ONBUILD", code: "FROM alpine\nONBUILD RUN apk add curl\n", errors: [{ line: 2 }] },
    {
      name: "apk update before a --no-cache add",
      code: "FROM alpine\nRUN apk update && apk add --no-cache curl\n",
      errors: [{ line: 2, messageId: "update" }],
    },
    {
      name: "one finding per RUN",
      code: "FROM alpine\nRUN apk add a && apk add b\nRUN apk add c\n",
      errors: [{ line: 2 }, { line: 3 }],
    },
  ],
});
