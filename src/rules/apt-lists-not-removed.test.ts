import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./apt-lists-not-removed.js";

ruleTester(rule, {
  valid: [
    {
      name: "an ONBUILD trigger of a builder stage never reaches the final image (issue 17)",
      code: "FROM debian AS b\nONBUILD RUN apt-get update && apt-get install -y x\nFROM scratch\nCOPY --from=b /x /x\n",
    },
    {
      name: "apt-get dist-clean removes the lists (apt >= 2.7.8; issue 17)",
      code: "FROM debian:trixie\nRUN apt-get update && apt-get install -y x && apt-get dist-clean\n",
    },
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
      name: "the rm before the update cleans nothing (issue 17)",
      code: "FROM debian\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x\n",
      errors: [{ line: 2, messageId: "notRemoved" }],
      output:
        "FROM debian\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x && apt-get clean && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      code: "FROM debian\nRUN apt-get update && apt-get install -y x\n",
      errors: [{ line: 2, messageId: "notRemoved" }],
      output:
        "FROM debian\nRUN apt-get update && apt-get install -y x && apt-get clean && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "continuation lines with a leading &&",
      code: 'FROM debian\nRUN apt-get update \\\n    && apt-get install -y x\nCMD ["x"]\n',
      errors: [{ line: 2 }],
      output:
        'FROM debian\nRUN apt-get update \\\n    && apt-get install -y x \\\n    && apt-get clean && rm -rf /var/lib/apt/lists/*\nCMD ["x"]\n',
    },
    {
      name: "continuation lines with a trailing &&, comment line and escape directive kept",
      code: "# escape=`\nFROM debian\nRUN apt-get update && `\n  # packages\n  apt-get install -y x\n",
      errors: [{ line: 3 }],
      output:
        "# escape=`\nFROM debian\nRUN apt-get update && `\n  # packages\n  apt-get install -y x && `\n  apt-get clean && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "already cleaned: only the lists",
      code: "FROM debian\nRUN apt-get update; apt-get install -y x; apt-get clean;\n",
      errors: [{ line: 2 }],
      output:
        "FROM debian\nRUN apt-get update; apt-get install -y x; apt-get clean && rm -rf /var/lib/apt/lists/*;\n",
    },
    {
      name: "heredoc script gets a last line",
      code: 'FROM debian\nRUN <<EOF\nset -e\napt-get update\n  apt-get install -y x\nEOF\nCMD ["x"]\n',
      errors: [{ line: 2 }],
      output:
        'FROM debian\nRUN <<EOF\nset -e\napt-get update\n  apt-get install -y x\n  apt-get clean && rm -rf /var/lib/apt/lists/*\nEOF\nCMD ["x"]\n',
    },
    {
      name: "heredoc without set -e: chained to the last line, so a failure still fails the RUN",
      code: "FROM debian\nRUN <<EOF\napt-get update\napt-get install -y x\n\nEOF\n",
      errors: [{ line: 2 }],
      output:
        "FROM debian\nRUN <<EOF\napt-get update\napt-get install -y x && apt-get clean && rm -rf /var/lib/apt/lists/*\n\nEOF\n",
    },
    {
      name: "split update and install: removing the lists would break the install, so no safe fix",
      code: "FROM debian AS base\nRUN apt-get update\nFROM base\nRUN apt-get install -y x\n",
      errors: [{ line: 2 }],
    },
    {
      name: "a later RUN with its own update does not need these lists",
      code: "FROM debian\nRUN apt-get update && apt-get install -y a\nRUN apt-get update && apt-get install -y b\n",
      errors: [{ line: 2 }, { line: 3 }],
      output:
        "FROM debian\nRUN apt-get update && apt-get install -y a && apt-get clean && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y b && apt-get clean && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "a trailing shell comment would swallow the command: no fix",
      code: "FROM debian\nRUN apt-get update # refresh\n",
      errors: [{ line: 2 }],
    },
    {
      name: "removed in a later RUN",
      code: "FROM debian\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n",
      errors: [{ line: 2 }],
      output:
        "FROM debian\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "apt",
      code: "FROM ubuntu\nRUN apt update && apt install -y x\n",
      errors: [{ line: 2, message: /`apt update`/ }],
      output:
        "FROM ubuntu\nRUN apt update && apt install -y x && apt-get clean && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "aptitude (DL3009)",
      code: "FROM ubuntu\nRUN aptitude update && aptitude install -y python3\n",
      errors: [{ line: 2, message: /`aptitude update`/ }],
      output:
        "FROM ubuntu\nRUN aptitude update && aptitude install -y python3 && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "cache mount on another dir",
      code: "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n",
      errors: [{ line: 2 }],
      output:
        "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "stage copied whole",
      code: "FROM debian AS b\nRUN apt-get update\nFROM scratch\nCOPY --from=b / /\n",
      errors: [{ line: 2 }],
      output:
        "FROM debian AS b\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nFROM scratch\nCOPY --from=b / /\n",
    },
    {
      name: "ONBUILD",
      code: "FROM debian\nONBUILD RUN apt-get update\n",
      errors: [{ line: 2 }],
      output: "FROM debian\nONBUILD RUN apt-get update && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "exec form with sh -c",
      code: 'FROM debian\nRUN ["/bin/sh", "-c", "apt-get update && apt-get install -y x"]\n',
      errors: [{ line: 2 }],
    },
  ],
});
