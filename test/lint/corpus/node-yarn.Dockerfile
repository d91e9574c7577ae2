# expect-rules: yarn-cache-not-cleaned, node-dev-dependencies, no-multi-stage
FROM node:20-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile && yarn build
USER node
CMD ["node", "build/server.js"]
