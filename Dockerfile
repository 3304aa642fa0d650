# One image for the API, the worker and the sandboxes (the command picks the process).
# Build stage: compile the TypeScript (npm run build: dist/ and the prebuilt workflow bundle).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies, the compiled API and worker; the sandboxes run from sources (tsx).
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# CJK font so offline creatives render Chinese text.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY tsconfig.json ./
COPY src ./src
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
