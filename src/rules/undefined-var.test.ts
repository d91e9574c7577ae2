import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./undefined-var.js";

ruleTester(rule, {
  valid: [
    "FROM a\nENV PATH=/opt/bin:$PATH\nCOPY x $JAVA_HOME/lib/\n",
    "FROM a\nARG V=1\nENV A=$V B=${A}\n",
    "FROM a\nRUN echo $UNDEFINED_IN_SHELL\n",
    "FROM a AS base\nARG APP_VERSION=1\nFROM base\nCOPY x /opt/$APP_VERSION/\n",
  ],
  invalid: [
    {
      name: "UndefinedVar: a near miss of a defined name (issue 17)",
      code: "FROM a\nARG APP_VERSION=1.2\nCOPY app /opt/app-$APP_VERISON/\n",
      errors: [{ line: 3, message: /did you mean \$APP_VERSION/ }],
    },
    {
      name: "FROM scratch has no environment",
      code: "FROM scratch\nCOPY app $DEST\n",
      errors: [{ line: 2, messageId: "undefinedVar" }],
    },
  ],
});
