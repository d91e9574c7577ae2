import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./from-as-casing.js";

ruleTester(rule, {
  valid: ["FROM a AS b\n", "from a as b\n", "FROM a\n"],
  invalid: [
    {
      name: "FromAsCasing (issue 17)",
      code: "FROM a as b\nfrom c AS d\n",
      errors: [{ line: 1, messageId: "mismatch" }, { line: 2 }],
    },
  ],
});
