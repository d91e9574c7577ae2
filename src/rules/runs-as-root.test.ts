import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./runs-as-root.js";

ruleTester(rule, {
  valid: [
    "FROM node\nUSER node\n",
    "FROM debian\nUSER root\nRUN apt-get update\nUSER 1000:1000\n",
    "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
    "FROM cgr.dev/chainguard/python:latest\n",
    { name: "USER in the parent stage", code: "FROM debian AS base\nUSER app\nFROM base\n" },
    {
      name: "root only in a builder stage",
      code: "FROM debian AS b\nUSER root\nFROM debian\nUSER app\n",
    },
    { name: "user from a variable", code: "FROM debian\nARG U=app\nUSER $U\n" },
  ],
  invalid: [
    {
      name: "no USER at all (hadolint DL3002 stays silent; ballast deliberately warns)",
      code: 'FROM node:20-slim\nCMD ["node"]\n',
      // Not under DL3002, so a hadolint pragma or a hadolint spec case does not count it as one (issue 17).
      errors: [{ line: 1, messageId: "noUser", hadolint: [] }],
    },
    {
      name: "DL3002",
      code: "FROM debian\nUSER app\nUSER root\n",
      errors: [{ line: 3, messageId: "rootUser", hadolint: ["DL3002"] }],
    },
    { code: "FROM debian\nUSER 0:0\n", errors: [{ line: 2, message: /`0:0`/ }] },
    {
      name: "USER only in an unrelated stage",
      code: "FROM debian AS b\nUSER app\nFROM debian\nCOPY --from=b /x /x\n",
      errors: [{ line: 3 }],
    },
    {
      name: "scratch with a program",
      code: "FROM scratch\nCOPY app /app\n",
      errors: [{ line: 1 }],
    },
    {
      name: "Chainguard -dev runs as root",
      code: "FROM cgr.dev/chainguard/python:latest-dev\n",
      errors: [{ line: 1 }],
    },
  ],
});
