import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./stage-name-casing.js";

ruleTester(rule, {
  valid: ["FROM a AS build-1\n", "FROM a\n"],
  invalid: [
    {
      name: "StageNameCasing (issue 17)",
      code: "FROM a AS Build\n",
      errors: [{ line: 1, message: /'Build' should be lowercase/ }],
    },
  ],
});
