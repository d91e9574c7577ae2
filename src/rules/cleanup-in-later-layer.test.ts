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
    {
      name: "each RUN removes its own apt lists (issue 17)",
      code: "FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "same-RUN apk --virtual deleted after an earlier apk add (issue 17)",
      code: "FROM alpine\nRUN apk add --no-cache ca-certificates\nRUN apk add --no-cache --virtual .build-deps gcc make && make && apk del .build-deps\n",
    },
    {
      name: "docker-library savedAptMark purge of the same RUN's packages (issue 17)",
      code: "FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get update; apt-get install -y --no-install-recommends gcc wget; wget -O /x.tgz https://e.com/x.tgz; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "a glob removes only what it matches (issue 17)",
      code: "FROM debian\nRUN curl -o /tmp/a.deb https://e.com/a.deb\nRUN rm -rf /tmp/*.rds\n",
    },
    {
      name: "microdnf's cache under a cache mount never reached the layer (issue 17)",
      code: "FROM fedora\nRUN --mount=type=cache,target=/var/cache/yum microdnf install -y x\nRUN microdnf clean all\n",
    },
    {
      name: "purge of a package no earlier RUN installed",
      code: "FROM debian\nRUN apt-get install -y curl\nRUN apt-get purge -y gcc\n",
    },
  ],
  invalid: [
    {
      name: "already removed in the creating RUN: redundant, not a wasted layer (issue 17)",
      code: "FROM debian\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\n",
      errors: [{ line: 3, messageId: "redundant" }],
      output: "FROM debian\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "a glob that matches an earlier download",
      code: "FROM debian\nRUN curl -o /tmp/a.deb https://e.com/a.deb\nRUN dpkg -i /tmp/a.deb || true\nRUN rm -f /tmp/*.deb\n",
      errors: [{ line: 4, message: /download \/tmp\/a.deb created on line 2/ }],
    },
    {
      name: "a purge by name of an earlier RUN's package, even when the RUN installs others",
      code: "FROM debian\nRUN apt-get install -y gcc\nRUN apt-get install -y curl && apt-get purge -y gcc\n",
      errors: [{ line: 3 }],
    },
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
