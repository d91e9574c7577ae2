import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./reserved-stage-name.js";

ruleTester(rule, {
  valid: ["FROM scratch\nFROM a AS base\n"],
  invalid: [
    {
      name: "ReservedStageName (issue 17)",
      code: "FROM a AS scratch\nFROM b AS context\n",
      errors: [{ line: 1, messageId: "reserved" }, { line: 2 }],
    },
  ],
});
