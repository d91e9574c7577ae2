import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./copy-stage-root.js";

ruleTester(rule, {
  valid: [
    {
      name: "in a stage that never reaches the final image (issue 17)",
      code: "FROM debian AS a\nRUN make\nFROM alpine AS b\nCOPY --from=a / /\nFROM scratch\nCOPY --from=a /out /out\n",
    },
    "FROM a AS b\nFROM scratch\nCOPY --from=b /out/app /app\n",
    "FROM a AS b\nFROM scratch\nCOPY --from=b / /rootfs/\n",
    "FROM scratch\nCOPY . /\n",
    "FROM scratch\nCOPY / /\n",
  ],
  invalid: [
    {
      code: "FROM a AS b\nFROM scratch\nCOPY --from=b / /\n",
      errors: [{ line: 3, message: /`b`/ }],
    },
    {
      code: 'FROM a AS b\nFROM scratch\nCOPY --from=0 ["/", "/"]\n',
      errors: [{ line: 3, messageId: "wholeStage" }],
    },
    {
      name: "quoted root paths (DL3067)",
      code: 'FROM a AS b\nFROM scratch\nCOPY --from=b "/" "/"\n',
      errors: [{ line: 3 }],
    },
    {
      name: "external image",
      code: "FROM scratch\nCOPY --from=busybox:1.36 / /\n",
      errors: [{ line: 2 }],
    },
  ],
});
