import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./chown-in-later-layer.js";

ruleTester(rule, {
  valid: [
    {
      name: "golang: the RUN chmods the directory it made itself (issue 17)",
      code: 'FROM alpine\nENV GOPATH /go\nCOPY --from=golang:1.22-alpine /usr/local/go/ /\nRUN mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH"\n',
    },
    "FROM node\nWORKDIR /app\nCOPY --chown=node:node . .\n",
    "FROM node\nCOPY app /app\nRUN chown -R node /data\n",
    { name: "chmod without -R", code: "FROM debian\nCOPY run.sh /run.sh\nRUN chmod +x /run.sh\n" },
    {
      name: "chown before the copy",
      code: "FROM debian\nRUN mkdir /app && chown app /app\nCOPY x /app/x\n",
    },
    {
      name: "builder stage",
      code: "FROM node AS b\nCOPY . /app\nRUN chown -R node /app\nFROM node:20-slim\nCOPY --from=b /app/dist /dist\n",
    },
  ],
  invalid: [
    {
      name: "mkdir of a path the COPY itself added does not excuse the chown",
      code: "FROM node\nCOPY . /app\nRUN mkdir -p /app/logs && chown -R node /app\n",
      errors: [{ line: 3 }],
    },
    {
      code: "FROM node\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\n",
      errors: [{ line: 4, message: /COPY on line 3.*COPY --chown/ }],
      // Unsafe: WORKDIR created /app as root, and the chown also changed /app itself.
      output: "FROM node\nWORKDIR /app\nCOPY --chown=node:node . .\n",
    },
    {
      name: "relative path",
      code: "FROM node\nWORKDIR /app\nCOPY . .\nRUN chown -R node .\n",
      errors: [{ line: 4, messageId: "rewrite" }],
      // chown kept the group: root, as COPY left it.
      output: "FROM node\nWORKDIR /app\nCOPY --chown=node:0 . .\n",
    },
    {
      name: "safe: the COPYs create the directory, comments and the USER kept",
      code: "FROM debian\nRUN useradd app\nCOPY --chmod=755 bin /srv/app\n# config too\nCOPY conf /srv/app\n# hand it over\nRUN chown -R app:app /srv/app\nUSER app\n",
      errors: [{ line: 7 }],
      output:
        "FROM debian\nRUN useradd app\nCOPY --chown=app:app --chmod=755 bin /srv/app\n# config too\nCOPY --chown=app:app conf /srv/app\n# hand it over\nUSER app\n",
    },
    {
      name: "a RUN between the COPY and the chown (it may create the user): no fix",
      code: "FROM debian\nCOPY app /srv/app\nRUN useradd app\nRUN chown -R app /srv/app\n",
      errors: [{ line: 4 }],
    },
    {
      name: "the RUN does more than chown: no fix",
      code: "FROM debian\nCOPY app /srv/app\nRUN chown -R 1000 /srv/app && chmod +x /srv/app/run\n",
      errors: [{ line: 3 }],
    },
    {
      name: "chmod -R on a subdirectory",
      code: "FROM debian\nCOPY site /srv/site\nRUN chmod -R g+w /srv/site/uploads\n",
      errors: [{ line: 3, message: /--chmod/ }],
    },
    {
      name: "ADD",
      code: "FROM debian\nADD app.tar.gz /opt/\nRUN chown -R app:app /opt/app\n",
      errors: [{ line: 3, message: /ADD on line 2/ }],
    },
    {
      name: "in a stage built FROM the copying one",
      code: "FROM debian AS base\nCOPY app /app\nFROM base\nRUN chown -R 1000 /app\n",
      errors: [{ line: 4 }],
    },
  ],
});
