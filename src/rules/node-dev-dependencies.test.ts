import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./node-dev-dependencies.js";

ruleTester(rule, {
  valid: [
    {
      name: "version checks are not installs (issue 17)",
      code: "FROM node\nRUN yarn --version && npm --version && pnpm -v && yarn -v\n",
    },
    "FROM node\nRUN npm ci --omit=dev\n",
    "FROM node\nRUN npm ci --omit dev\n",
    "FROM node\nRUN npm install --production\n",
    "FROM node\nRUN npm ci --only=production\n",
    "FROM node\nRUN yarn install --frozen-lockfile --production=true\n",
    "FROM node\nRUN pnpm install --prod --frozen-lockfile\n",
    "FROM node\nRUN pnpm install -P\n",
    { name: "NODE_ENV from ENV", code: "FROM node\nENV NODE_ENV=production\nRUN npm ci\n" },
    { name: "NODE_ENV prefix", code: "FROM node\nRUN NODE_ENV=production npm ci\n" },
    {
      name: "pruned in the same RUN",
      code: "FROM node\nRUN npm ci && npm run build && npm prune --omit=dev\n",
    },
    { name: "a named package", code: "FROM node\nRUN npm install -g pm2\n" },
    { name: "npm install express", code: "FROM node\nRUN npm install express\n" },
    {
      name: "production node_modules copied from a deps stage",
      code: "FROM node AS deps\nRUN npm ci --omit=dev\nFROM node:20-slim\nCOPY --from=deps /app/node_modules /app/node_modules\n",
    },
    {
      name: "builder stage",
      code: "FROM node AS b\nRUN npm ci && npm run build\nFROM nginx\nCOPY --from=b /app/dist /html\n",
    },
  ],
  invalid: [
    { code: "FROM node\nRUN npm ci\n", errors: [{ line: 2, message: /`npm ci`.*--omit=dev/ }] },
    { code: "FROM node\nRUN npm install\n", errors: [{ line: 2, messageId: "devDeps" }] },
    {
      code: "FROM node\nRUN yarn install --frozen-lockfile\n",
      errors: [{ line: 2, message: /--production/ }],
    },
    { code: "FROM node\nRUN yarn\n", errors: [{ line: 2 }] },
    { code: "FROM node\nRUN pnpm i --frozen-lockfile\n", errors: [{ line: 2 }] },
    {
      name: "NODE_ENV=development",
      code: "FROM node\nENV NODE_ENV=development\nRUN npm ci\n",
      errors: [{ line: 3 }],
    },
    {
      name: "pruned in a later RUN saves nothing",
      code: "FROM node\nRUN npm ci\nRUN npm prune --omit=dev\n",
      errors: [{ line: 2 }],
    },
    { name: "ONBUILD", code: "FROM node\nONBUILD RUN npm ci\n", errors: [{ line: 2 }] },
    {
      name: "node_modules copied from a deps stage",
      code: "FROM node:20 AS deps\nWORKDIR /app\nRUN npm ci\nFROM node:20-slim\nCOPY --from=deps /app/node_modules ./node_modules\n",
      errors: [{ line: 3 }],
    },
  ],
});
