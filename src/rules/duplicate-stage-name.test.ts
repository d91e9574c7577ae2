import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./duplicate-stage-name.js";

ruleTester(rule, {
  valid: ["FROM a AS x\nFROM b AS y\nFROM x\n"],
  invalid: [
    {
      name: "DuplicateStageName, case-insensitive (issue 17)",
      code: "FROM a AS x\nFROM b AS X\n",
      errors: [{ line: 2, message: /first on line 1/, hadolint: ["DL3024"] }],
    },
  ],
});
