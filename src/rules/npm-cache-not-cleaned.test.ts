import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./npm-cache-not-cleaned.js";

ruleTester(rule, {
  valid: [
    "FROM node\nRUN npm ci && npm cache clean --force\n",
    "FROM node\nRUN npm install --omit=dev \\\n && npm cache clean --force\n",
    "FROM node\nRUN npm ci && rm -rf /root/.npm\n",
    "FROM node\nWORKDIR /app\nRUN npm ci && rm -rf ~/.npm\n",
    { name: "cache mount", code: "FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci\n" },
    {
      name: "builder stage",
      code: "FROM node AS b\nRUN npm ci && npm run build\nFROM nginx\nCOPY --from=b /app/dist /usr/share/nginx/html\n",
    },
    "FROM node\nRUN npm run build\n",
  ],
  invalid: [
    {
      code: "FROM node\nRUN npm ci\n",
      errors: [{ line: 2, message: /`npm ci`/ }],
      output: "FROM node\nRUN npm ci && npm cache clean --force\n",
    },
    {
      code: "FROM node\nRUN npm install -g pm2\n",
      errors: [{ line: 2, messageId: "notCleaned" }],
      output: "FROM node\nRUN npm install -g pm2 && npm cache clean --force\n",
    },
    {
      name: "clean without --force is a no-op on npm ≥5",
      code: "FROM node\nRUN npm i && npm cache clean\n",
      errors: [{ line: 2 }],
      output: "FROM node\nRUN npm i && npm cache clean --force\n",
    },
    {
      name: "clean before install",
      code: "FROM node\nRUN npm cache clean --force && npm ci\n",
      errors: [{ line: 2 }],
      output: "FROM node\nRUN npm cache clean --force && npm ci && npm cache clean --force\n",
    },
    {
      name: "ONBUILD",
      code: "FROM node\nONBUILD RUN npm ci\n",
      errors: [{ line: 2 }],
      output: "FROM node\nONBUILD RUN npm ci && npm cache clean --force\n",
    },
  ],
});
