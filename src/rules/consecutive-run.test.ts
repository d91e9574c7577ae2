import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./consecutive-run.js";

ruleTester(rule, {
  valid: [
    {
      name: "RUNs that already chain commands (hadolint DL3059; issue 17)",
      code: "FROM debian\nRUN a && b && c\nRUN d\nRUN e && f && g\n",
    },
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
    {
      code: "FROM debian\nRUN a\nRUN b\n",
      errors: [{ line: 3, message: /line 2/ }],
      output: "FROM debian\nRUN a \\\n    && b\n",
    },
    {
      name: "comments between",
      code: "FROM debian\nRUN a\n# why\nRUN b\nRUN c\n",
      errors: [{ line: 4 }, { line: 5, messageId: "consecutive" }],
      // The comment stays, as a comment line inside the continuation (BuildKit skips those).
      output: "FROM debian\nRUN a \\\n# why\n    && b \\\n    && c\n",
    },
    {
      name: "multi-line RUNs",
      code: "FROM debian\nRUN a \\\n  && b\nRUN c\n",
      errors: [{ line: 4 }],
      output: "FROM debian\nRUN a \\\n  && b \\\n  && c\n",
    },
    {
      name: "a list in the second RUN is grouped, so a failure of the first still fails the merged RUN",
      code: "FROM debian\nRUN --network=none make\nRUN --network=none make check; cat log;\n",
      errors: [{ line: 3 }],
      output: "FROM debian\nRUN --network=none make \\\n    && { make check; cat log; }\n",
    },
    {
      name: "trailing ; of the first RUN, escape directive",
      code: "# escape=`\nFROM debian\nRUN a; b;\nRUN c && d\n",
      errors: [{ line: 4 }],
      output: "# escape=`\nFROM debian\nRUN a; b `\n    && c && d\n",
    },
    {
      name: "cd in the first RUN would move the second: no fix",
      code: "FROM debian\nRUN cd /src && make\nRUN make install\n",
      errors: [{ line: 3 }],
    },
    {
      name: "set -e and exports would leak: no fix",
      code: "FROM debian\nRUN set -e; a\nRUN export X=1\nRUN b\n",
      errors: [{ line: 3 }, { line: 4 }],
    },
    {
      name: "a PowerShell SHELL has no &&: no fix",
      code: 'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN a\nRUN b\n',
      errors: [{ line: 4 }],
    },
    {
      name: "bash SHELL is fine; exec form and heredocs are not",
      code: 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\nRUN c\nWORKDIR /\nRUN ["d"]\nRUN <<EOF\ne\nEOF\n',
      errors: [{ line: 4 }, { line: 7 }],
      output:
        'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b \\\n    && c\nWORKDIR /\nRUN ["d"]\nRUN <<EOF\ne\nEOF\n',
    },
  ],
});
