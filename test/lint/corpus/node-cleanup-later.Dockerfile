# expect-rules: cleanup-in-later-layer, node-dev-dependencies, npm-cache-not-cleaned, consecutive-run, runs-as-root
FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci
RUN rm -rf test docs .git
CMD ["npm", "start"]
