import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-node-cache",
  label: "npm/yarn/pnpm cache",
  advice:
    "Clean it in the same RUN (`npm cache clean --force`, `yarn cache clean`, `pnpm store prune`) or use a BuildKit cache mount.",
  contains: [".npm/_cacache/", ".cache/", ".yarn/berry/cache/", "pnpm"],
  roots: [
    /^((?:.*\/)?\.npm\/_cacache)\//,
    /^((?:.*\/)?\.cache\/(?:yarn|pnpm|node-gyp))\//,
    /^((?:.*\/)?\.yarn\/berry\/cache)\//,
    /^((?:.*\/)?\.local\/share\/pnpm\/store)\//,
    /^((?:.*\/)?\.pnpm-store)\//,
  ],
  meta: {
    severity: "warning",
    category: "size",
    summary: "npm, yarn or pnpm package cache left in a layer",
    looksFor:
      "regular files under .npm/_cacache, .cache/yarn (incl. /usr/local/share/.cache/yarn), .yarn/berry/cache, .cache/pnpm, .pnpm-store, .local/share/pnpm/store, .cache/node-gyp",
    docs: {
      what: "Reports, per layer, the bytes of the package managers' tarball caches (not node_modules itself).",
      why: "The cache holds a compressed copy of every installed package; node_modules already has them unpacked.",
      example: "FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci\n",
      useInstead:
        "FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci --omit=dev && npm cache clean --force\n",
    },
  },
});
