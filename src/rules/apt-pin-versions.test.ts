import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./apt-pin-versions.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN apt-get install -y curl=7.88.1-10 ca-certificates=20230311\n",
    "FROM debian\nRUN apt-get install -y ./local.deb $EXTRA\n",
    "FROM debian\nRUN apt-get update\n",
  ],
  invalid: [
    {
      code: "FROM debian\nRUN apt-get install -y curl wget=1.21\n",
      errors: [{ line: 2, message: /of curl / }],
    },
    {
      name: "builder stages too",
      code: "FROM debian AS b\nRUN apt-get -y install gcc\nFROM scratch\n",
      errors: [{ line: 2, messageId: "unpinned" }],
    },
  ],
});
