import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./untrusted-registry.js";

const settings = { trustedRegistries: ["docker.io", "*.corp.example", "localhost:5000"] };

ruleTester(rule, {
  valid: [
    { name: "no list: nothing to check", code: "FROM ghcr.io/org/app:1\n" },
    { code: "FROM debian:bookworm\nFROM mirror.corp.example/python:3.12\n", settings },
    { code: "FROM localhost:5000/app:1 AS a\nFROM a\nFROM scratch\n", settings },
  ],
  invalid: [
    {
      name: "DL3026 (issue 17: trustedRegistries)",
      code: "FROM ghcr.io/org/app:1\nFROM quay.io/x/y:2\n",
      settings,
      errors: [
        { line: 1, message: /ghcr\.io/, hadolint: ["DL3026"] },
        { line: 2, messageId: "untrusted" },
      ],
    },
    {
      name: "Docker Hub when only a mirror is trusted",
      code: "FROM debian:bookworm\n",
      settings: { trustedRegistries: ["registry.example.com"] },
      errors: [{ line: 1, message: /docker\.io/ }],
    },
  ],
});
