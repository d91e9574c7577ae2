import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./json-args-recommended.js";

ruleTester(rule, {
  valid: [
    'FROM a\nCMD ["node", "server.js"]\nENTRYPOINT ["/tini", "--"]\n',
    {
      name: "a stage that sets its own SHELL",
      code: 'FROM a\nSHELL ["/bin/bash", "-c"]\nCMD echo hi\n',
    },
  ],
  invalid: [
    {
      name: "JSONArgsRecommended (issue 17)",
      code: "FROM a\nCMD echo hi\nENTRYPOINT exec node x.js\n",
      errors: [
        { line: 2, message: /for CMD/ },
        { line: 3, messageId: "shellForm" },
      ],
    },
  ],
});
