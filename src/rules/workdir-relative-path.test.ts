import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./workdir-relative-path.js";

ruleTester(rule, {
  valid: [
    "FROM a\nWORKDIR /app\nWORKDIR sub\n",
    "FROM a\nWORKDIR $HOME\n",
    {
      name: "absolute in the stage it is built FROM",
      code: "FROM a AS b\nWORKDIR /x\nFROM b\nWORKDIR y\n",
    },
  ],
  invalid: [
    {
      name: "WorkdirRelativePath (issue 17)",
      code: "FROM a\nWORKDIR app\n",
      errors: [{ line: 2, hadolint: ["DL3000"] }],
    },
  ],
});
