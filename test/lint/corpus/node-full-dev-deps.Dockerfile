# expect-rules: heavy-base-image, node-dev-dependencies, npm-cache-not-cleaned, runs-as-root
FROM node:20
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
