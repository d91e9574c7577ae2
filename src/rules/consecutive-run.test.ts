import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./consecutive-run.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN a && b\n",
    "FROM debian\nRUN a\nWORKDIR /x\nRUN b\n",
    "FROM debian\nRUN a\nCOPY x y\nRUN b\n",
    { name: "different mounts", code: "FROM debian\nRUN --mount=type=secret,id=t a\nRUN b\n" },
    {
      name: "builder stage (DL3059 differs)",
      code: "FROM debian AS b\nRUN a\nRUN b\nFROM scratch\nCOPY --from=b /x /x\n",
    },
    { name: "ONBUILD RUN between", code: "FROM debian\nRUN a\nONBUILD RUN b\n" },
    { name: "across stages", code: "FROM debian AS a\nRUN a\nFROM a\nRUN b\n" },
  ],
  invalid: [
    { code: "FROM debian\nRUN a\nRUN b\n", errors: [{ line: 3, message: /line 2/ }] },
    {
      name: "comments between",
      code: "FROM debian\nRUN a\n# why\nRUN b\nRUN c\n",
      errors: [{ line: 4 }, { line: 5, messageId: "consecutive" }],
    },
    {
      name: "multi-line RUNs",
      code: "FROM debian\nRUN a \\\n  && b\nRUN c\n",
      errors: [{ line: 4 }],
    },
  ],
});
