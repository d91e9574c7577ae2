import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./expose-invalid-format.js";

ruleTester(rule, {
  valid: ["FROM a\nEXPOSE 80 443/tcp 53/udp $PORT\n"],
  invalid: [
    {
      name: "ExposeInvalidFormat (issue 17)",
      code: "FROM a\nEXPOSE 8080:80 127.0.0.1:53:53/udp\n",
      errors: [{ line: 2, message: /`8080:80`/ }, { line: 2 }],
    },
  ],
});
