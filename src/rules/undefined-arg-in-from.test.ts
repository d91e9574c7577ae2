import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./undefined-arg-in-from.js";

ruleTester(rule, {
  valid: [
    "ARG V=20\nFROM node:${V}\n",
    "ARG V\nFROM node:$V\n",
    "FROM --platform=$BUILDPLATFORM golang:1.22 AS b\nFROM --platform=$TARGETPLATFORM alpine\n",
  ],
  invalid: [
    {
      name: "UndefinedArgInFrom (issue 17)",
      code: "FROM node:${NODE_VERSION}\nFROM b AS x\nARG LATE=1\nFROM c:$LATE\n",
      errors: [
        { line: 1, message: /'NODE_VERSION'/ },
        { line: 4, messageId: "undefinedArg" },
      ],
    },
  ],
});
