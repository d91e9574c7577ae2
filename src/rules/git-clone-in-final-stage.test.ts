import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./git-clone-in-final-stage.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN git clone https://e.com/r.git /src && make -C /src && rm -rf /src\n",
    "FROM debian\nWORKDIR /w\nRUN git clone --depth 1 https://e.com/r.git && rm -rf r/.git\n",
    {
      name: "builder stage",
      code: "FROM debian AS b\nRUN git clone https://e.com/r.git /src\nFROM scratch\nCOPY --from=b /src/out /out\n",
    },
  ],
  invalid: [
    {
      name: "clone kept in the final stage (issue 17)",
      code: "FROM debian\nWORKDIR /opt\nRUN git clone --depth 1 -b v1 https://e.com/org/tool.git\n",
      errors: [{ line: 3, message: /`\/opt\/tool\/\.git`/ }],
    },
    {
      name: "the rm before the clone does not count",
      code: "FROM debian\nRUN rm -rf /src && git clone https://e.com/r /src\n",
      errors: [{ line: 2, messageId: "gitKept" }],
    },
  ],
});
