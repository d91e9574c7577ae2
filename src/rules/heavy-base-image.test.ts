import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./heavy-base-image.js";

ruleTester(rule, {
  valid: [
    "FROM python:3.12-slim\n",
    "FROM python:3.12-alpine\n",
    "FROM node:20-bookworm-slim\n",
    "FROM debian:bookworm-slim\n",
    "FROM gcr.io/distroless/static-debian12\n",
    "FROM eclipse-temurin:21-jre\n",
    "FROM scratch\n",
    {
      name: "builder stages may be heavy",
      code: "FROM golang:1.22 AS build\nRUN go build\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n",
    },
    { name: "unresolved variable", code: "FROM ${BASE}\n" },
  ],
  invalid: [
    {
      code: "FROM python:3.12\n",
      errors: [{ line: 1, message: /python:3\.12-slim/ }],
      output: "FROM python:3.12-slim\n",
    },
    {
      code: "FROM node:20\n",
      errors: [{ line: 1, message: /node:20-slim/ }],
      output: "FROM node:20-slim\n",
    },
    {
      name: "release codenames go where each family puts them; AS and --platform kept",
      code: "FROM --platform=linux/amd64 python:3.12.4-bookworm AS app\nFROM node:lts-bookworm\nCOPY --from=app / /\n",
      errors: [{ line: 1 }, { line: 2 }],
      output:
        "FROM --platform=linux/amd64 python:3.12.4-slim-bookworm AS app\nFROM node:lts-bookworm-slim\nCOPY --from=app / /\n",
    },
    {
      name: "unknown tag schemes and private registries are left alone",
      code: "FROM python:3.12-windowsservercore\nFROM localhost/debian:bookworm-minbase\n",
      errors: [{ line: 2 }],
    },
    {
      name: "ruby and perl",
      code: "FROM ruby:3.3\nFROM perl\nCOPY --from=0 / /\n",
      errors: [{ line: 1 }, { line: 2 }],
      output: "FROM ruby:3.3-slim\nFROM perl:slim\nCOPY --from=0 / /\n",
    },
    { code: "FROM golang:1.22-alpine\n", errors: [{ line: 1, message: /distroless\/static/ }] },
    {
      code: "FROM docker.io/library/python\n",
      errors: [{ line: 1, messageId: "heavy" }],
      output: "FROM docker.io/library/python:slim\n",
    },
    {
      code: "FROM debian:bookworm\n",
      errors: [{ line: 1, message: /bookworm-slim/ }],
      output: "FROM debian:bookworm-slim\n",
    },
    { code: "FROM debian:12\n", errors: [{ line: 1 }], output: "FROM debian:12-slim\n" },
    {
      code: "FROM maven:3-eclipse-temurin-21\n",
      errors: [{ line: 1, message: /distroless\/java21/ }],
    },
    {
      code: "FROM eclipse-temurin:21-jdk\n",
      errors: [{ line: 1, message: /JDK used as runtime/ }],
    },
    {
      name: "through a FROM stage chain",
      code: "FROM node:20 AS base\nFROM base AS deps\nFROM deps\n",
      errors: [{ line: 1 }],
      output: "FROM node:20-slim AS base\nFROM base AS deps\nFROM deps\n",
    },
    {
      name: "a stage copied whole into scratch",
      code: "FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b / /\n",
      errors: [{ line: 1 }],
    },
    {
      name: "ARG-resolved",
      code: "ARG PY=3.11\nFROM python:${PY}\n",
      errors: [{ line: 2, message: /python:3\.11/ }],
    },
  ],
});
