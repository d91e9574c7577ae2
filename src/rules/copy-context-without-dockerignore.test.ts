import { describe, expect, it } from "vitest";
import { ruleTester } from "../../test/lint/rule-tester.js";
import rule, { leaks } from "./copy-context-without-dockerignore.js";

const good = { dockerignore: ".git\nnode_modules\n.env\n" };
ruleTester(rule, {
  valid: [
    { code: "FROM node\nCOPY . .\n", context: good },
    { code: "FROM node\nCOPY package.json .\n", context: { dockerignore: null } },
    {
      name: "--from copies from a stage, not the context",
      code: "FROM a AS b\nFROM node\nCOPY --from=b . /app\n",
      context: { dockerignore: null },
    },
    { name: "context unknown (text linted alone)", code: "FROM node\nCOPY . .\n" },
    {
      name: "wildcards",
      code: "FROM node\nCOPY . .\n",
      context: { dockerignore: "**/.git\n**/node_modules\n.env*\n" },
    },
    {
      name: "missing entries that do not exist",
      code: "FROM golang\nCOPY . .\n",
      context: { dockerignore: ".git\n", exists: (p) => p === ".git" },
    },
  ],
  invalid: [
    {
      code: "FROM node\nCOPY . .\n",
      context: { dockerignore: null },
      errors: [{ line: 2, messageId: "noIgnoreFile" }],
    },
    {
      code: "FROM node\nADD ./ /app\n",
      context: { dockerignore: null },
      errors: [{ line: 2, message: /`ADD \.\/`/ }],
    },
    {
      code: "FROM node\nCOPY . .\n",
      context: { dockerignore: "node_modules\n" },
      errors: [{ line: 2, message: /lets \.git, \.env through/ }],
    },
    {
      name: "re-included by an exception",
      code: "FROM node\nCOPY . .\n",
      context: { dockerignore: ".git\nnode_modules\n.env\n!.env\n" },
      errors: [{ line: 2, message: /lets \.env through/ }],
    },
    {
      name: "--chown does not matter",
      code: "FROM node\nCOPY --chown=node . /app\n",
      context: { dockerignore: null },
      errors: [{ line: 2 }],
    },
  ],
});

describe("leaks", () => {
  it("follows Docker's root-anchored matching: node_modules does not cover a/node_modules", () => {
    expect(leaks("a/node_modules\n.git\n.env", () => true)).toEqual(["node_modules"]);
  });
});
