import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./apt-lists-not-removed.js";

ruleTester(rule, {
  valid: [
    "FROM ubuntu\nRUN aptitude update && aptitude install -y python3 && rm -rf /var/lib/apt/lists/*\n",
    "FROM debian\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n",
    "FROM debian\nRUN apt-get update && apt-get install -y x \\\n  && apt-get clean \\\n  && rm -rf /var/lib/apt/lists\n",
    "FROM debian\nRUN apt-get install -y x\n",
    {
      name: "cache mount on the lists",
      code: "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y x\n",
    },
    {
      name: "tmpfs mount",
      code: "FROM debian\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y x\n",
    },
    {
      name: "builder stage copied from selectively (DL3009 differs)",
      code: "FROM debian AS b\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=b /app /app\n",
    },
    {
      name: "rm inside an if",
      code: "FROM debian\nRUN apt-get update && if true; then rm -rf /var/lib/apt/lists/*; fi\n",
    },
    {
      name: "relative path from WORKDIR",
      code: "FROM debian\nWORKDIR /var/lib/apt\nRUN apt-get update && rm -rf lists/*\n",
    },
  ],
  invalid: [
    {
      code: "FROM debian\nRUN apt-get update && apt-get install -y x\n",
      errors: [{ line: 2, messageId: "notRemoved" }],
    },
    {
      name: "removed in a later RUN",
      code: "FROM debian\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n",
      errors: [{ line: 2 }],
    },
    {
      name: "apt",
      code: "FROM ubuntu\nRUN apt update && apt install -y x\n",
      errors: [{ line: 2, message: /`apt update`/ }],
    },
    {
      name: "aptitude (DL3009)",
      code: "FROM ubuntu\nRUN aptitude update && aptitude install -y python3\n",
      errors: [{ line: 2, message: /`aptitude update`/ }],
    },
    {
      name: "cache mount on another dir",
      code: "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n",
      errors: [{ line: 2 }],
    },
    {
      name: "stage copied whole",
      code: "FROM debian AS b\nRUN apt-get update\nFROM scratch\nCOPY --from=b / /\n",
      errors: [{ line: 2 }],
    },
    { name: "ONBUILD", code: "FROM debian\nONBUILD RUN apt-get update\n", errors: [{ line: 2 }] },
    {
      name: "exec form with sh -c",
      code: 'FROM debian\nRUN ["/bin/sh", "-c", "apt-get update && apt-get install -y x"]\n',
      errors: [{ line: 2 }],
    },
  ],
});
