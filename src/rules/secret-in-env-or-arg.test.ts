import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./secret-in-env-or-arg.js";

ruleTester(rule, {
  valid: [
    { name: "a VERSION name (issue 17)", code: "FROM a\nENV DOCKER_AUTH_VERSION 1.5.0\n" },
    { name: "a version-number value", code: "FROM a\nARG TOKEN_LIB=2.4.1\n" },
    "FROM a\nARG NPM_TOKEN\n",
    "FROM a\nENV NPM_TOKEN=${NPM_TOKEN}\n",
    "FROM a\nARG GITHUB_TOKEN=$GITHUB_TOKEN\n",
    "FROM python:3.12\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\n",
    "FROM mysql\nENV MYSQL_ALLOW_EMPTY_PASSWORD=yes\n",
    "FROM postgres\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pg\n",
    'FROM a\nENV PASSWORD=""\n',
    "FROM a\nENV KEYBOARD=us NODE_ENV=production\n",
    "FROM a\nENV TOKEN_URL=https://auth.example.com/token\n",
  ],
  invalid: [
    {
      name: "AWS access key id by name (issue 17)",
      code: "FROM a\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n",
      errors: [{ line: 2, message: /AWS_ACCESS_KEY_ID/ }],
    },
    {
      name: "a value shaped like an AWS key, any name (issue 17)",
      code: "FROM a\nENV S3_LOGIN AKIAIOSFODNN7EXAMPLE\n",
      errors: [{ line: 2 }],
    },
    {
      name: "a short numeric password is still one",
      code: "FROM a\nENV DB_PASSWORD=1234\n",
      errors: [{ line: 2 }],
    },
    { code: "FROM a\nENV NPM_TOKEN=npm_abc\n", errors: [{ line: 2, message: /ENV NPM_TOKEN/ }] },
    {
      code: "FROM a\nARG DB_PASSWORD=hunter2\n",
      errors: [{ line: 2, messageId: "literalSecret" }],
    },
    { code: "FROM a\nENV AWS_SECRET_ACCESS_KEY wJalrXUtnFEMI\n", errors: [{ line: 2 }] },
    {
      code: "FROM a\nENV STRIPE_API_KEY=sk_live_x A=1 SSH_PRIVATE_KEY=abc\n",
      errors: [{ line: 2 }, { line: 2 }],
    },
    {
      name: "global ARG before FROM",
      code: "ARG REGISTRY_PASSWORD=s3cret\nFROM a\n",
      errors: [{ line: 1 }],
    },
    {
      name: "builder stage too (history and source)",
      code: "FROM a AS b\nENV GITHUB_TOKEN=ghp_x\nFROM c\n",
      errors: [{ line: 2 }],
    },
    { name: "ONBUILD", code: "FROM a\nONBUILD ENV SECRET=x\n", errors: [{ line: 2 }] },
  ],
});
