import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./unpinned-base-image.js";

ruleTester(rule, {
  valid: [
    "FROM debian:bookworm-slim\n",
    "FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    "FROM python:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    "FROM scratch\n",
    "FROM golang:1.22 AS build\nFROM build\n",
    "FROM localhost:5000/app:1.0\n",
    { name: "ARG with a pinned default", code: "ARG TAG=3.20\nFROM alpine:${TAG}\n" },
    { name: "unresolved variable", code: "ARG IMAGE\nFROM ${IMAGE}\n" },
  ],
  invalid: [
    {
      name: "DL3006 alone (issue 17)",
      code: "FROM debian\n",
      errors: [{ line: 1, messageId: "noTag", hadolint: ["DL3006"] }],
    },
    {
      name: "DL3007 alone (issue 17)",
      code: "FROM debian:latest\n",
      errors: [{ line: 1, messageId: "latest", hadolint: ["DL3007"] }],
    },
    {
      name: "registry with a port",
      code: "FROM localhost:5000/app\n",
      errors: [{ line: 1, messageId: "noTag" }],
    },
    { code: "FROM ghcr.io/org/img:latest AS x\nFROM x\n", errors: [{ line: 1 }] },
    {
      name: "AS name that matches a later stage only",
      code: "FROM build\nFROM golang:1.22 AS build\n",
      errors: [{ line: 1 }],
    },
  ],
});
