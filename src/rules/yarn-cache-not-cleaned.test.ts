import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./yarn-cache-not-cleaned.js";

ruleTester(rule, {
  valid: [
    {
      name: "version checks are not installs (issue 17)",
      code: "FROM node\nRUN yarn --version && npm --version && pnpm -v\n",
    },
    "FROM node\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
    "FROM node\nRUN yarn && yarn cache clean --all\n",
    {
      name: "cache mount",
      code: "FROM node\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n",
    },
    "FROM node\nRUN yarn build\n",
    "FROM node\nRUN yarn add left-pad && yarn cache clean\n",
    {
      name: "builder stage",
      code: "FROM node AS b\nRUN yarn install\nFROM node:20-slim\nCOPY --from=b /app/dist /app\n",
    },
  ],
  invalid: [
    {
      code: "FROM node\nRUN yarn install --frozen-lockfile\n",
      errors: [{ line: 2, messageId: "notCleaned" }],
      output: "FROM node\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
    },
    {
      code: "FROM node\nRUN yarn\n",
      errors: [{ line: 2 }],
      output: "FROM node\nRUN yarn && yarn cache clean\n",
    },
    {
      name: "clean before install",
      code: "FROM node\nRUN yarn cache clean && yarn install\n",
      errors: [{ line: 2 }],
      output: "FROM node\nRUN yarn cache clean && yarn install && yarn cache clean\n",
    },
    {
      name: "clean in a later RUN",
      code: "FROM node\nRUN yarn install\nRUN yarn cache clean\n",
      errors: [{ line: 2 }],
      output: "FROM node\nRUN yarn install && yarn cache clean\nRUN yarn cache clean\n",
    },
    {
      name: "ONBUILD",
      code: "FROM node\nONBUILD RUN yarn install\n",
      errors: [{ line: 2 }],
      output: "FROM node\nONBUILD RUN yarn install && yarn cache clean\n",
    },
  ],
});
