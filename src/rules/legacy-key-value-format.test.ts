import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./legacy-key-value-format.js";

ruleTester(rule, {
  valid: ["FROM a\nENV A=1 B=2\nLABEL x=y\nARG V\n", "FROM a\nENV A=\n"],
  invalid: [
    {
      name: "LegacyKeyValueFormat (issue 17)",
      code: "FROM a\nENV DOCKER_AUTH_VERSION 1.5.0\nLABEL x y\n",
      errors: [{ line: 2, message: /"ENV key=value"/ }, { line: 3 }],
    },
  ],
});
