import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./invalid-default-arg-in-from.js";

ruleTester(rule, {
  valid: [
    "ARG TAG=3.20\nFROM alpine:${TAG}\n",
    "ARG BASE=ghcr.io/org/base:1.0\nFROM ${BASE}\n",
    "ARG TAG\nFROM alpine:${TAG:-3.20}\n",
    "ARG REG=localhost:5000\nFROM $REG/app:1\n",
    { name: "undeclared: UndefinedArgInFrom's case", code: "FROM alpine:${TAG}\n" },
  ],
  invalid: [
    {
      name: "InvalidDefaultArgInFrom (issue 17)",
      code: "ARG TAG\nARG IMG\nFROM alpine:${TAG}\nFROM ${IMG}\n",
      errors: [{ line: 3, message: /`alpine:`/ }, { line: 4 }],
    },
  ],
});
