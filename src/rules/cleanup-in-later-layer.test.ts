import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./cleanup-in-later-layer.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n",
    "FROM alpine\nRUN apk add --no-cache --virtual .b gcc && make && apk del .b\n",
    { name: "rm of something nobody created", code: "FROM debian\nRUN rm -rf /usr/share/doc\n" },
    {
      name: "rm of unrelated path after a COPY",
      code: "FROM debian\nCOPY app /app\nRUN rm -rf /tmp/*\n",
    },
    {
      name: "builder stage",
      code: "FROM debian AS b\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\nFROM scratch\nCOPY --from=b /x /x\n",
    },
    {
      name: "created in another (unrelated) stage",
      code: "FROM debian AS a\nRUN apt-get update\nFROM debian\nRUN rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "download removed in the same RUN",
      code: "FROM debian\nRUN curl -o /tmp/x.tgz https://e.com/x.tgz && tar xzf /tmp/x.tgz && rm /tmp/x.tgz\n",
    },
  ],
  invalid: [
    {
      name: "apt lists",
      code: "FROM debian\nRUN apt-get update && apt-get install -y x\nRUN rm -rf /var/lib/apt/lists/*\n",
      errors: [{ line: 3, message: /apt lists created on line 2/ }],
      output:
        "FROM debian\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "moved past COPY and ENV, multi-line creator, cleanup as a group",
      code: 'FROM debian\nRUN apt-get update \\\n && apt-get install -y x\nENV A=1\nCOPY a /a\n# tidy up\nRUN apt-get clean; rm -rf /var/lib/apt/lists/*\nCMD ["x"]\n',
      errors: [{ line: 7 }],
      output:
        'FROM debian\nRUN apt-get update \\\n && apt-get install -y x \\\n && { apt-get clean; rm -rf /var/lib/apt/lists/*; }\nENV A=1\nCOPY a /a\n# tidy up\nCMD ["x"]\n',
    },
    {
      name: "already removed in the creating RUN: the later RUN only goes",
      code: "FROM debian\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\n",
      errors: [{ line: 3 }],
      output: "FROM debian\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "a RUN in between may need the files: no fix",
      code: "FROM debian\nRUN apt-get update\nRUN apt-get install -y x\nRUN rm -rf /var/lib/apt/lists/*\n",
      errors: [{ line: 4 }],
    },
    {
      name: "apk del in a later RUN",
      code: "FROM alpine\nRUN apk add --no-cache --virtual .b gcc\nRUN make && apk del .b\n",
      errors: [{ line: 3, messageId: "laterCleanup" }],
    },
    {
      name: "apt purge later",
      code: "FROM debian\nRUN apt-get install -y gcc\nRUN apt-get purge -y gcc && apt-get autoremove -y\n",
      errors: [{ line: 3 }],
      output:
        "FROM debian\nRUN apt-get install -y gcc && apt-get purge -y gcc && apt-get autoremove -y\n",
    },
    {
      name: "pip uninstall",
      code: "FROM python\nRUN pip install --no-cache-dir x\nRUN pip uninstall -y x\n",
      errors: [{ line: 3 }],
      output: "FROM python\nRUN pip install --no-cache-dir x && pip uninstall -y x\n",
    },
    {
      name: "rm part of a COPY",
      code: "FROM node\nWORKDIR /app\nCOPY . .\nRUN rm -rf test docs\n",
      errors: [{ line: 4, message: /COPY to \/app created on line 3/ }],
    },
    {
      name: "downloaded file",
      code: "FROM debian\nRUN wget https://e.com/x.tar.gz\nRUN tar xzf x.tar.gz && rm x.tar.gz\n",
      errors: [{ line: 3 }],
    },
    {
      name: "in a stage built FROM the creating one",
      code: "FROM debian AS base\nRUN apt-get update\nFROM base\nRUN apt-get clean && rm -rf /var/lib/apt/lists/*\n",
      errors: [{ line: 4 }],
    },
    {
      name: "dnf clean later",
      code: "FROM fedora\nRUN dnf install -y x\nRUN dnf clean all\n",
      errors: [{ line: 3 }],
      output: "FROM fedora\nRUN dnf install -y x && dnf clean all\n",
    },
  ],
});
