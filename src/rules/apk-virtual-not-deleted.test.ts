import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./apk-virtual-not-deleted.js";

ruleTester(rule, {
  valid: [
    {
      name: "runtime virtual packages stay by design (issue 17)",
      code: "FROM alpine\nRUN apk add --no-cache --virtual .rundeps libpq\nRUN apk add --no-cache --virtual .ruby-rundeps gmp\nRUN apk add --no-cache --virtual .run-deps tzdata\n",
    },
    "FROM alpine\nRUN apk add --no-cache --virtual .b gcc && make && apk del .b\n",
    "FROM alpine\nRUN apk add --no-cache -t .b gcc && make && apk del --no-network .b\n",
    "FROM alpine\nRUN apk add --no-cache --virtual=.b gcc \\\n  && make \\\n  && apk del .b\n",
    "FROM alpine\nRUN apk add --no-cache gcc\n",
    {
      name: "builder stage",
      code: "FROM alpine AS b\nRUN apk add --virtual .b gcc\nFROM alpine\nCOPY --from=b /x /x\n",
    },
  ],
  invalid: [
    {
      code: "FROM alpine\nRUN apk add --no-cache --virtual .build-deps gcc && make\n",
      errors: [{ line: 2, message: /\.build-deps/ }],
    },
    {
      name: "deleted in a later RUN",
      code: "FROM alpine\nRUN apk add --virtual .b gcc\nRUN apk del .b\n",
      errors: [{ line: 2, messageId: "notDeleted" }],
    },
    {
      name: "deleted before it was added",
      code: "FROM alpine\nRUN apk del .b; apk add -t .b gcc\n",
      errors: [{ line: 2 }],
    },
    {
      name: "other name deleted",
      code: "FROM alpine\nRUN apk add -t .b gcc && apk del .c\n",
      errors: [{ line: 2 }],
    },
    {
      name: "ONBUILD",
      code: "FROM alpine\nONBUILD RUN apk add -t .b gcc\n",
      errors: [{ line: 2 }],
    },
  ],
});
