import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./dockerfile-syntax.js";

ruleTester(rule, {
  valid: [
    "# syntax=docker/dockerfile:1\nARG V=1\nFROM a:${V}\nRUN <<EOF\necho\nEOF\n",
    "FROM a\nmaintainer me\nonbuild run x\n",
    "FROM a\nCOPY <<-EOT /x\n\thello\n\tEOT\n",
  ],
  invalid: [
    {
      name: "FROM with no image, USER with no argument (issue 17)",
      code: "FROM\nUSER\nRUN x\n",
      errors: [
        { line: 1, messageId: "missingArgument" },
        { line: 2, message: /`USER` needs an argument/ },
      ],
    },
    { code: "FROM a\nFROBNICATE x\n", errors: [{ line: 2, message: /`FROBNICATE`/ }] },
    {
      code: "FROM a\nRUN <<EOF\necho hi\n",
      errors: [{ line: 2, messageId: "unterminatedHeredoc" }],
    },
    { code: "RUN echo\nFROM a\n", errors: [{ line: 1, messageId: "beforeFrom" }] },
    {
      code: "ARG A\nRUN echo\nCMD x\n",
      errors: [{ line: 1, messageId: "noFrom" }, { line: 2 }, { line: 3 }],
    },
    {
      name: "a README",
      code: "# Title\n\nSome prose about the project.\nMore prose here.\n",
      errors: [{ line: 3, messageId: "notDockerfile" }],
    },
    { name: "empty", code: "", errors: [{ line: 1, message: /no instructions/ }] },
  ],
});
